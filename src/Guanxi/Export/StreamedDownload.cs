namespace Guanxi.Export;

/// <summary>
/// A download written straight into the response body. Once the status line has gone out an error can no longer
/// become a problem response, and ending the body normally would hand the client a short file with status 200:
/// the connection is aborted instead, so the browser or client reports a failed transfer.
/// </summary>
public static partial class StreamedDownload
{
    public static async Task WriteAsync(HttpContext http, Func<Stream, CancellationToken, Task> write)
    {
        try
        {
            await write(http.Response.Body, http.RequestAborted);
        }
        catch (Exception e) when (http.Response.HasStarted)
        {
            if (!http.RequestAborted.IsCancellationRequested)
            {
                Failed(http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StreamedDownload)), http.Request.Path.Value ?? "", e);
            }
            http.Abort();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Download {Path} failed after its first bytes were sent; the connection was aborted")]
    private static partial void Failed(ILogger logger, string path, Exception exception);
}
