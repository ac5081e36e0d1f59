using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tracking.Grains;
using Tracking.Silo.Api;

namespace Tracking.Silo.Hosting;

/// <summary>The silo's web host: health endpoints, the grain API and the exchanges' callbacks on Kestrel.</summary>
public static class SiloWebHost
{
    public static WebApplication Build(SiloHostSettings settings, string[]? args = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args ?? []);
        builder.WebHost.UseUrls(settings.Urls);
        // Logs go to stderr, so that a command's output on stdout stays its own.
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(settings.MinimumLogLevel);
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, Grains.Serialization.TrackingJson.Options.TypeInfoResolver!));
        builder.Services.AddTrackingGrainServices(settings.Exchanges, settings.Seizures);
        builder.Services.AddSingleton(sp => TrackingSilo.Create(settings.Storage(), sp.GetRequiredService<ILoggerFactory>(), settings.TimeProvider, settings.Configure, sp));
        builder.Services.AddHostedService<SiloHostedService>();

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapHealth();
        app.MapTaxpayers();
        app.MapExchangeCallbacks();
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            // Exchanges post results back to this host unless told otherwise; the port is known only now.
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
            if (settings.Exchanges.CallbackUrl is null && address is not null)
            {
                settings.Exchanges.CallbackUrl = new Uri(new Uri(address), ExchangeCallbackEndpoints.Path);
            }
        });
        return app;
    }

    /// <summary>The addresses the host listens on, once started.</summary>
    public static IReadOnlyCollection<string> Addresses(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToArray() ?? [];
}
