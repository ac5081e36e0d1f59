using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Tracking.ExchangeSim;

// Plays several crypto exchanges for the collection office: seizure notices, balances, market
// sales with fees and slippage, KRW withdrawals and releases, each idempotent by request id, with
// failure injection. Prints "listening on URL" once it takes requests.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
var options = builder.Configuration.Get<SimOptions>() ?? new SimOptions();
builder.Services.AddSingleton(options);
builder.Services.AddSingleton<PriceBoard>();
builder.Services.AddSingleton<SimActivity>();
builder.Services.AddSingleton<ExchangeMarket>();
builder.Services.AddSingleton(_ => new HttpClient { Timeout = TimeSpan.FromSeconds(10) });
builder.Services.AddSingleton<CallbackSender>();
builder.Services.ConfigureHttpJsonOptions(o =>
{
    o.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower;
    o.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull;
    o.SerializerOptions.TypeInfoResolverChain.Insert(0, Tracking.ExchangeApi.ExchangeApiJson.Default);
});
builder.Services.AddProblemDetails();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapExchangeApi();
app.MapAdmin();
AccountLoader.Load(options, app.Services.GetRequiredService<ExchangeMarket>(), app.Logger);

await app.StartAsync();
foreach (var address in app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses)
{
    Console.WriteLine($"listening on {address}");
}

await app.WaitForShutdownAsync();
