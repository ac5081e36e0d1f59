using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tracking.Grains;
using Tracking.Runtime.Transport;
using Tracking.Silo.Access;
using Tracking.Silo.Api;
using Tracking.Silo.Telemetry;
using Tracking.Silo.WebConsole;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Tracking.Silo.Hosting;

/// <summary>The silo's web host: health endpoints, the web console and its case API, the grain transport and the exchanges' callbacks on Kestrel.</summary>
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
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(settings.MinimumLogLevel)
            .AddFilter("Microsoft.AspNetCore", level => level >= LogLevel.Warning && level >= settings.MinimumLogLevel);
        if (settings.JsonLogs)
        {
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }
        else
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        }

        SiloTelemetry.ConfigureLogging(builder.Logging, settings.TelemetryCollector, settings.SiloEndpoint.ToString());
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(cookie =>
        {
            cookie.Cookie.Name = "tracking";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;

            // An API answers 401 and 403 (as problem details), not a redirect to a sign-in page.
            cookie.Events.OnRedirectToLogin = context => Refuse(context.Response, StatusCodes.Status401Unauthorized);
            cookie.Events.OnRedirectToAccessDenied = context => Refuse(context.Response, StatusCodes.Status403Forbidden);
        });
        builder.Services.AddAuthorization(AccessPolicies.Add);
        builder.Services.AddSingleton(settings.Console);
        builder.Services.AddSingleton(settings.TimeProvider);
        builder.Services.AddSingleton<AccessJournal>();
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, Grains.Serialization.TrackingJson.Options.TypeInfoResolver!);
            o.SerializerOptions.TypeInfoResolverChain.Insert(1, ApiJsonContext.Default);
        });
        builder.Services.AddTrackingGrainServices(settings.Exchanges, settings.Seizures);
        builder.Services.AddSingleton(sp => TrackingSilo.Create(settings.Storage(), sp.GetRequiredService<ILoggerFactory>(), settings.TimeProvider, options =>
        {
            options.Views.Add(AccessRecord.Definition);
            options.Views.Add(ImportRecord.Definition);
            settings.Configure?.Invoke(options);
        }, sp));
        builder.Services.AddSingleton(siloEndpoint);
        builder.Services.AddSingleton(_ => new SiloTelemetry(settings.TelemetryCollector, settings.SiloEndpoint.ToString()));
        builder.Services.AddSingleton(sp => new ClusterMonitor(sp.GetRequiredService<Runtime.Hosting.Silo>(), sp.GetRequiredService<SiloTelemetry>().Read));

        builder.Services.AddHostedService<SiloHostedService>();

        var app = builder.Build();

        // Made now, so that the first spans are caught; disposed with the host, which sends what is left.
        app.Services.GetRequiredService<SiloTelemetry>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseConsoleSite();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOpenApi();
        app.MapHealth();
        app.MapMetrics();
        app.MapAccess();
        app.MapTaxpayers();
        app.MapCases();
        app.MapReviews();
        app.MapSweeps();
        app.MapImports();
        app.MapDashboard();
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

    private static Task Refuse(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }

    /// <summary>The addresses the host listens on for people and exchanges (HTTP/1.1), once started.</summary>
    public static IReadOnlyCollection<string> Addresses(WebApplication app)
    {
        var silo = app.Services.GetRequiredService<SiloEndpoint>().Address.GetLeftPart(UriPartial.Authority);
        return app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.Where(a => a.TrimEnd('/') != silo).ToArray() ?? [];
    }
}
