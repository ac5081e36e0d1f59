using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tracking.Grains;
using Tracking.Runtime.Transport;
using Tracking.Silo.Api;

namespace Tracking.Silo.Hosting;

/// <summary>The silo's web host: health endpoints, the grain API and the exchanges' callbacks on Kestrel.</summary>
public static class SiloWebHost
{
    public static WebApplication Build(SiloHostSettings settings, string[]? args = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args ?? []);
        var siloEndpoint = new SiloEndpoint(settings.SiloEndpoint);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            KestrelUrls.Listen(kestrel, settings.Urls);
            siloEndpoint.Listen(kestrel);
        });
        // Logs go to stderr, so that a command's output on stdout stays its own.
        // ASP.NET Core's per-request lines would be two log lines for every call between silos.
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(settings.MinimumLogLevel)
            .AddFilter("Microsoft.AspNetCore", level => level >= LogLevel.Warning && level >= settings.MinimumLogLevel);
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, Grains.Serialization.TrackingJson.Options.TypeInfoResolver!));
        builder.Services.AddTrackingGrainServices(settings.Exchanges, settings.Seizures);
        builder.Services.AddSingleton(sp => TrackingSilo.Create(settings.Storage(), sp.GetRequiredService<ILoggerFactory>(), settings.TimeProvider, settings.Configure, sp));
        builder.Services.AddSingleton(siloEndpoint);
        builder.Services.AddHostedService<SiloHostedService>();

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapHealth();
        app.MapTaxpayers();
        app.MapExchangeCallbacks();
        app.MapSiloTransport(app.Services.GetRequiredService<Runtime.Hosting.Silo>);
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            // Exchanges post results back to this host unless told otherwise; the port is known only now.
            var address = Addresses(app).FirstOrDefault();
            if (settings.Exchanges.CallbackUrl is null && address is not null)
            {
                settings.Exchanges.CallbackUrl = new Uri(new Uri(address), ExchangeCallbackEndpoints.Path);
            }
        });
        return app;
    }

    /// <summary>The addresses the host listens on for people and exchanges (HTTP/1.1), once started.</summary>
    public static IReadOnlyCollection<string> Addresses(WebApplication app)
    {
        var silo = app.Services.GetRequiredService<SiloEndpoint>().Address.GetLeftPart(UriPartial.Authority);
        return app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.Where(a => a.TrimEnd('/') != silo).ToArray() ?? [];
    }
}
