using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Tracking.Runtime.Hosting;
using Tracking.Runtime.Persistence;
using Tracking.Runtime.Postgres;
using Tracking.Runtime.Tests.Grains;
using Tracking.TestingHost;

namespace Tracking.Runtime.Tests;

public sealed class StorageStartupTests
{
    [Fact]
    public async Task An_unreachable_database_at_start_gives_callers_a_clear_error_and_the_silo_stays_up()
    {
        // A port on loopback where nothing listens.
        var silo = NewSilo("Host=127.0.0.1;Port=1;Username=tracking;Database=tracking;Timeout=2");
        await silo.StartAsync(default);

        Assert.Equal(SiloStatus.WaitingForStorage, silo.Status);
        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => silo.Get<ICounterGrain>("k").CallAsync(new GetCount()));
        Assert.Contains("PostgreSQL 127.0.0.1:1/tracking", error.Message);
        Assert.Contains("not reachable", error.Message);
        Assert.Equal(SiloStatus.WaitingForStorage, silo.Status);
        await silo.StopAsync(default);
        Assert.Equal(SiloStatus.Stopped, silo.Status);
    }

    [Fact]
    public async Task A_silo_waiting_for_storage_starts_serving_once_the_database_appears()
    {
        var database = "late_" + Guid.NewGuid().ToString("N");
        var connectionString = new NpgsqlConnectionStringBuilder(TestStorage.ServerConnectionString()) { Database = database }.ToString();
        var silo = NewSilo(connectionString);
        await silo.StartAsync(default);
        Assert.Equal(SiloStatus.WaitingForStorage, silo.Status);

        await using (var admin = new NpgsqlConnection(TestStorage.ServerConnectionString()))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", admin);
            await create.ExecuteNonQueryAsync();
        }

        await silo.Ready.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(1, await silo.Get<ICounterGrain>("k").CallAsync(new Increment(0, 0)));
        await silo.StopAsync(default);
        NpgsqlConnection.ClearAllPools();
        await using (var admin = new NpgsqlConnection(TestStorage.ServerConnectionString()))
        {
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE {database} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }

    private static Hosting.Silo NewSilo(string connectionString)
    {
        var options = new SiloOptions { Json = TestJsonContext.Options };
        options.Storage.StartRetryInterval = TimeSpan.FromMilliseconds(100);

        // Alone on its store here: no other silo ever calls the address it registers.
        options.Cluster.Address = new Uri("http://127.0.0.1:1/");
        var services = new ServiceCollection().AddSingleton<ActivationLog>().AddSingleton<TestGates>().BuildServiceProvider();
        return new Hosting.Silo(options, new PostgresStorageProvider(connectionString), RuntimeFixture.Types(), services, NullLoggerFactory.Instance, TimeProvider.System);
    }
}
