using Tracking.Silo.Hosting;

var storage = new StorageSettings(
    Environment.GetEnvironmentVariable("TRACKING_DATA") ?? StorageSettings.DefaultDataDirectory,
    Environment.GetEnvironmentVariable("TRACKING_POSTGRES"));
var app = SiloWebHost.Build(new SiloHostSettings(storage, Environment.GetEnvironmentVariable("TRACKING_URLS") ?? "http://127.0.0.1:5080"), args);
await app.RunAsync();
