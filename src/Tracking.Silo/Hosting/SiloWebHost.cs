using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tracking.Silo.Api;

namespace Tracking.Silo.Hosting;

/// <summary>The silo's web host: health endpoints and the grain API on Kestrel.</summary>
public static class SiloWebHost
{
    public static WebApplication Build(StorageSettings storage, string urls, string[]? args = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args ?? []);
        builder.WebHost.UseUrls(urls);
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, Grains.Serialization.TrackingJson.Options.TypeInfoResolver!));
        builder.Services.AddSingleton(sp => TrackingSilo.Create(storage, sp.GetRequiredService<ILoggerFactory>(), services: sp));
        builder.Services.AddHostedService<SiloHostedService>();

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapHealth();
        app.MapTaxpayers();
        return app;
    }
}
