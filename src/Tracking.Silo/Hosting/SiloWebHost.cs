using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Dashboard;
using Orleans.Runtime;
using Tracking.Grains;
using Tracking.Grains.Serialization;
using Tracking.Silo.Access;
using Tracking.Silo.Api;
using Tracking.Silo.Telemetry;
using Tracking.Silo.WebConsole;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;

namespace Tracking.Silo.Hosting;

/// <summary>
/// A silo and its web host in one process: Orleans hosting Tracking's grains, and on Kestrel the
/// health endpoints, the web console and its case API, metrics and the exchanges' callbacks.
/// </summary>
public static partial class SiloWebHost
{
    public static WebApplication Build(SiloHostSettings settings, string[]? args = null)
    {
        var builder = WebApplication.CreateSlimBuilder(HostArguments.With(args));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            KestrelUrls.Listen(kestrel, settings.Urls);
            kestrel.Limits.MaxRequestBodySize = settings.Console.MaxRequestBytes;
        });
        builder.Services.Configure<FormOptions>(form => form.MultipartBodyLengthLimit = settings.Console.MaxUploadBytes);
        // Logs go to stderr, so that a command's output on stdout stays its own. ASP.NET Core's
        // per-request lines and Orleans' start-up chatter are left to warnings.
        // A start that fails is told by whoever started the host (the CLI says why in a sentence, a
        // program's Main gets the exception): the host's and the silo's own lines would repeat it as
        // stack traces. Their categories log from the level given once the host has started.
        var started = new System.Runtime.CompilerServices.StrongBox<bool>();
        Func<LogLevel, bool> OnceStarted(LogLevel least) => level => (started.Value && level >= least) || level >= LogLevel.Critical;
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(settings.MinimumLogLevel)
            .AddFilter("Microsoft.AspNetCore", level => level >= LogLevel.Warning && level >= settings.MinimumLogLevel)
            .AddFilter("Orleans", level => level >= LogLevel.Warning && level >= settings.MinimumLogLevel)
            // Start-up notes that are choices made here: reminders allowed to repeat within seconds
            // (demonstrations), and the cookie keys kept unencrypted in the store (guarded as the store is).
            .AddFilter("Orleans.Runtime.Silo", OnceStarted(LogLevel.Error))
            .AddFilter("Polly", level => level >= LogLevel.Warning)
            .AddFilter("Microsoft.Extensions.Hosting.Internal.Host", OnceStarted(settings.MinimumLogLevel))
            .AddFilter("Orleans.Runtime.SiloLifecycleSubject", OnceStarted(settings.MinimumLogLevel > LogLevel.Warning ? settings.MinimumLogLevel : LogLevel.Warning))
            .AddFilter("Orleans.Hosting.ReminderOptionsValidator", level => level >= LogLevel.Error)
            .AddFilter("Tracking.Silo.Telemetry.SiloOperations", level => level >= LogLevel.Warning)
            .AddFilter("Microsoft.AspNetCore.DataProtection", level => level >= LogLevel.Error)
            // Orleans 10.4.2's watchdog stamps its component check only after starting the thread that
            // reads it, so its first look reports the machine's uptime as a stall. A silo that lives for
            // one command (quieter than information) would print that at every command; a silo
            // process keeps the watchdog's warnings for real stalls.
            .AddFilter("Orleans.Runtime.Watchdog", level => level >= LogLevel.Error || (level >= LogLevel.Warning && settings.MinimumLogLevel <= LogLevel.Information))
            // On a simulated clock every jump is late to Orleans' timers (the reminder list refresh).
            .AddFilter("Orleans.Runtime.AsyncTimer", level => level >= LogLevel.Error || settings.TimeProvider == TimeProvider.System);
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

        var store = settings.Storage.CreateStore();
        var siloPort = settings.SiloPort != 0 ? settings.SiloPort : FreePort.Find(settings.Address);
        var gatewayPort = settings.GatewayPort != 0 || !store.IsShared ? settings.GatewayPort : FreePort.Find(settings.Address);
        var instance = $"{settings.Address}:{siloPort}";
        builder.UseOrleans(silo => silo
            .AddTrackingGrains(store, settings.Silo, settings.TimeProvider, [.. GrainServices.Views, AccessRecord.Definition, ImportRecord.Definition, SessionRevocations.Definition, StoreXmlRepository.Definition])
            .UseTrackingCluster(store, settings.Silo, settings.Address, siloPort, gatewayPort)
            .AddGrainService<SiloOperations>()
            .AddDashboard());
        builder.Services.AddSingleton<SiloOperationsClient>();
        builder.Services.AddSingleton<ClusterMonitor>();
        SiloTelemetry.Add(builder, settings.TelemetryCollector, instance);
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = Api.ProblemLanguage.Translate);
        builder.Services.AddOpenApi();
        // Cookies are signed with keys every silo reads from the store: a session is good on each of them.
        builder.Services.AddDataProtection().SetApplicationName("tracking")
            .AddKeyManagementOptions(keys => keys.XmlRepository = new StoreXmlRepository(store.Views, TimeProvider.System));
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
            cookie.Events.OnValidatePrincipal = SessionCheck.ValidateAsync;
        });
        builder.Services.AddAuthorization(AccessPolicies.Add);
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddConcurrencyLimiter(AccessEndpoints.SignInChecks, checks =>
            {
                checks.PermitLimit = settings.Console.SignIn.ConcurrentChecks;
                checks.QueueLimit = 2 * settings.Console.SignIn.ConcurrentChecks;
            });
        });
        builder.Services.AddSingleton(settings.Console);
        builder.Services.AddSingleton<AccessJournal>();
        builder.Services.AddSingleton(new Api.UploadProgress(TimeProvider.System));
        builder.Services.AddSingleton(services => new SessionRevocations(services.GetRequiredService<TrackingContext>().Views, TimeProvider.System));
        // Exchanges stamp their callbacks with the real time, whatever clock the grains run on.
        builder.Services.AddSingleton(new CallbackReplayGuard(TimeProvider.System));
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, GrainJson.Options.TypeInfoResolver!.WithAddedModifier(RequestIdRedaction.Modify));
            o.SerializerOptions.TypeInfoResolverChain.Insert(1, ApiJsonContext.Default);
        });
        builder.Services.AddTrackingGrainServices(settings.Exchanges, settings.Seizures, settings.MatchIndex);
        builder.Services.AddSingleton(settings.Documents);
        builder.Services.AddSingleton<Grains.Documents.DocumentPdfPrinter>();
        settings.Services?.Invoke(builder.Services);

        var app = builder.Build();
        app.Lifetime.ApplicationStarted.Register(() => started.Value = true);

        // A request Kestrel or a form reader refuses (too large, malformed) keeps its own 4xx.
        app.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = ex => ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError });
        app.UseStatusCodePages();
        app.UseConsoleSite();
        app.UseMiddleware<CrossSiteRequestGuard>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.MapOpenApi();
        app.MapHealth();
        app.MapMetrics();
        app.MapAccess();
        app.MapTaxpayers();
        app.MapCases();
        app.MapReviews();
        app.MapSweeps();
        app.MapImports();
        app.MapSuspense();
        app.MapDashboard();
        app.MapExchangeCallbacks();
        app.MapOrleansDashboard("/dashboard").RequireAuthorization(AccessPolicies.Operators);
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            // Exchanges post results back to this host unless told otherwise; the port is known only now.
            var address = Addresses(app).FirstOrDefault();
            if (settings.Exchanges.CallbackUrl is null && address is not null)
            {
                settings.Exchanges.CallbackUrl = new Uri(new Uri(address), ExchangeCallbackEndpoints.Path);
            }

            LogStarted(app.Logger, instance, string.Join(", ", Addresses(app)), store.Description);
        });
        return app;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo running on {Silo}, serving {Urls}; store {Store}")]
    private static partial void LogStarted(ILogger logger, string silo, string urls, string store);

    private static Task Refuse(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }

    /// <summary>The addresses the host listens on for people and exchanges, once started.</summary>
    public static IReadOnlyCollection<string> Addresses(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToArray() ?? [];
}
