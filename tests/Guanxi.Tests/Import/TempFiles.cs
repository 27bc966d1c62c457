using System.Text;

namespace Guanxi.Tests.Import;

/// <summary>A temp folder per test class instance, deleted afterwards.</summary>
public sealed class TempFiles : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("guanxi-import-").FullName;

    public string Path(string name) => System.IO.Path.Combine(_dir, name);

    public string Write(string name, string text, Encoding? encoding = null)
    {
        var path = Path(name);
        File.WriteAllBytes(path, (encoding ?? new UTF8Encoding(false)).GetBytes(text));
        return path;
    }

    public string WriteBytes(string name, byte[] bytes)
    {
        var path = Path(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
