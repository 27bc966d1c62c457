using System.Buffers;
using System.Globalization;
using System.Net;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using MimeKit;
using SmtpServer;
using SmtpServer.IO;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Guanxi.Bench;

/// <summary>
/// A loopback SMTP sink for the marketing benchmark (issue 16): a real SMTP server (the SmtpServer library, as the tests'
/// loopback server) on 127.0.0.1:<c>port</c> that accepts every message and appends its Message-Id to <c>file</c>, one
/// line each, flushed at once — so the file survives a sender killed with -9 and the script counts what arrived, and how
/// often, per outbox message (the sender's Message-Id is the message's idempotency key). Runs until SIGTERM / Ctrl+C.
/// Its connections set TCP_NODELAY (<c>NODELAY=0</c> leaves the library's default listener): with Nagle on, each of the
/// sink's replies waited for the client's delayed ACK, about 50 ms a message on loopback, whatever the sender did.
/// </summary>
internal static class SmtpSinkProbe
{
    public static async Task<int> RunAsync(int port, string file)
    {
        await using var writer = new StreamWriter(file, append: true) { AutoFlush = true };
        var gate = new Lock();
        long count = 0;
        var options = new SmtpServerOptionsBuilder().ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        if (Environment.GetEnvironmentVariable("NODELAY") != "0") services.Add(new NoDelayListenerFactory());
        services.Add(new Store(id =>
        {
            lock (gate)
            {
                writer.WriteLine(id);
                count++;
            }
        }));
        var server = new SmtpServer.SmtpServer(options, services);
        using var stop = new CancellationTokenSource();
        using var term = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c =>
        {
            c.Cancel = true;
            stop.Cancel();
        });
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"smtp sink listening on 127.0.0.1:{port}, Message-Ids to {file}"));
        try
        {
            await server.StartAsync(stop.Token);
        }
        catch (OperationCanceledException)
        {
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"smtp sink received {Interlocked.Read(ref count)} messages"));
        return 0;
    }

    private sealed class NoDelayListenerFactory : IEndpointListenerFactory
    {
        public IEndpointListener CreateListener(IEndpointDefinition endpointDefinition)
        {
            var listener = new TcpListener(endpointDefinition.Endpoint);
            listener.Start();
            return new NoDelayListener(listener);
        }
    }

    private sealed class NoDelayListener(TcpListener listener) : IEndpointListener
    {
        public async Task<ISecurableDuplexPipe> GetPipeAsync(ISessionContext context, CancellationToken cancellationToken)
        {
            var client = await listener.AcceptTcpClientAsync(cancellationToken);
            client.NoDelay = true;
            return new PlainPipe(client);
        }

        public void Dispose() => listener.Stop();
    }

    /// <summary>A plain (no STARTTLS) connection as the library's pipe.</summary>
    private sealed class PlainPipe(TcpClient client) : ISecurableDuplexPipe
    {
        public PipeReader Input { get; } = PipeReader.Create(client.GetStream());
        public PipeWriter Output { get; } = PipeWriter.Create(client.GetStream());
        public bool IsSecure => false;
        public SslProtocols SslProtocol => SslProtocols.None;

        public Task UpgradeAsync(X509Certificate certificate, SslProtocols protocols, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("The sink speaks plain SMTP only.");

        public void Dispose() => client.Dispose();
    }

    private sealed class Store(Action<string> received) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            await using var stream = new MemoryStream(buffer.ToArray());
            var headers = await HeaderList.LoadAsync(stream, cancellationToken);
            received(headers[HeaderId.MessageId] ?? "(none)");
            return SmtpResponse.Ok;
        }
    }
}
