using System.Net;
using System.Net.Http.Json;
using Tracking.Silo.Access;
using Tracking.Silo.Hosting;
using Tracking.Storage;
using Tracking.TestingHost;
using static Tracking.Silo.Tests.ConsoleHost;

namespace Tracking.Silo.Tests;

/// <summary>A host whose RRN key is misconfigured refuses uploads as its own fault (503, saying why), not with an internal error.</summary>
public sealed class MisconfiguredUploadsTests
{
    [Fact]
    public async Task An_upload_to_a_host_with_a_malformed_rrn_key_is_refused_as_the_hosts_fault_and_nothing_is_stored()
    {
        var store = Directory.CreateTempSubdirectory("tracking-misconfigured-").FullName;
        try
        {
            var key = new SecretKeyFile(RrnKeyStore.Variable, RrnKeyStore.FileName);
            await using var app = SiloWebHost.Build(new SiloHostSettings(new StorageSettings(store, null), "http://127.0.0.1:0")
            {
                Console = new ConsoleOptions { Users = ConsoleOptions.DemoUsers(), ProfilesDirectory = RepositoryPaths.ExchangeProfiles, RrnKey = () => key.Decode("not-base64") },
            });
            await app.StartAsync();
            using var officer = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(SiloWebHost.Addresses(app).First()) };
            Assert.Equal(HttpStatusCode.OK, (await officer.PostAsJsonAsync("/api/session", new { name = "kim", password = "kim" })).StatusCode);

            var refused = await JsonAsync(await officer.PostAsync("/api/imports/accounts/upbit", Form(("file", "upbit.csv"))), HttpStatusCode.ServiceUnavailable);
            Assert.Contains(RrnKeyStore.Variable, refused.GetProperty("detail").GetString());
            Assert.Equal(0, (await JsonAsync(await officer.GetAsync("/api/imports"), HttpStatusCode.OK)).GetProperty("items").GetArrayLength());
            await app.StopAsync();
        }
        finally
        {
            Directory.Delete(store, recursive: true);
        }
    }
}
