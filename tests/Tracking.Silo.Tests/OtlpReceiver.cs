using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Tracking.Silo.Tests;

/// <summary>A collector's OTLP/HTTP endpoint on loopback that keeps every body it is sent, as sent (protobuf).</summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly List<(string Signal, byte[] Body)> _received = [];
    private WebApplication? _app;

    public Uri Address { get; private set; } = null!;

    public IReadOnlyList<(string Signal, byte[] Body)> Received
    {
        get
        {
            lock (_received)
            {
                return [.. _received];
            }
        }
    }

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            lock (_received)
            {
                _received.Add((signal, body.ToArray()));
            }

            return Results.Ok();
        });
        await _app.StartAsync();
        Address = new Uri(_app.Urls.First());
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
