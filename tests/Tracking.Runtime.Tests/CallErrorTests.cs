using Tracking.Runtime.Hosting;
using Tracking.Runtime.Tests.Grains;
using Tracking.TestingHost;

namespace Tracking.Runtime.Tests;

public sealed class CallErrorTests : IAsyncLifetime
{
    private TestStorage _storage = null!;
    private TestSilo _host = null!;

    public interface IUnregisteredGrain : IGrain;

    public async Task InitializeAsync()
    {
        _storage = await TestStorage.CreateAsync(TestStorage.Sqlite);
        _host = await RuntimeFixture.StartAsync(_storage);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _storage.DisposeAsync();
    }

    [Fact]
    public async Task Unknown_grain_type_is_a_clear_error_and_the_silo_goes_on()
    {
        var byName = await Assert.ThrowsAsync<UnknownGrainTypeException>(() => _host.Silo.CallAsync<long>(new GrainId("no-such-type", "k"), new GetCount(), null, default));
        Assert.Contains("no-such-type", byName.Message);
        var byInterface = Assert.Throws<UnknownGrainTypeException>(() => _host.GrainFactory.Get<IUnregisteredGrain>("k"));
        Assert.Contains(nameof(IUnregisteredGrain), byInterface.Message);

        Assert.Equal(1, await _host.GrainFactory.Get<ICounterGrain>("k").CallAsync(new Increment(0, 0)));
    }

    [Fact]
    public async Task A_message_the_grain_does_not_handle_is_a_clear_error()
    {
        var error = await Assert.ThrowsAsync<UnhandledMessageException>(() => _host.Silo.CallAsync<long>(new GrainId("counter", "k"), "not a message", null, default));
        Assert.Contains("counter/k", error.Message);
    }

    [Fact]
    public async Task A_throwing_handler_fails_only_that_call()
    {
        var counter = _host.GrainFactory.Get<ICounterGrain>("thrower");
        await counter.CallAsync(new Increment(0, 0));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => counter.CallAsync(new Fail("bad input")));
        Assert.Equal("bad input", error.Message);

        Assert.Equal(2, await counter.CallAsync(new Increment(0, 1)));
    }

    [Fact]
    public async Task A_call_that_takes_too_long_times_out_with_a_clear_error_and_the_grain_recovers()
    {
        var counter = _host.GrainFactory.Get<ICounterGrain>("slow");
        var error = await Assert.ThrowsAsync<GrainCallTimeoutException>(() => counter.CallAsync(new WaitFor("never-yet"), TimeSpan.FromMilliseconds(200)));
        Assert.Contains("counter/slow", error.Message);
        Assert.Contains("200 ms", error.Message);

        // Calls queued behind the stuck turn run once it ends.
        var queued = counter.CallAsync(new Increment(0, 0));
        ((TestGates)_host.Services.GetService(typeof(TestGates))!).Get("never-yet").SetResult();
        Assert.Equal(1, await queued);
    }

    [Fact]
    public async Task A_stopped_silo_refuses_calls_with_a_clear_error()
    {
        var counter = _host.GrainFactory.Get<ICounterGrain>("late");
        await _host.Silo.StopAsync(default);
        var error = await Assert.ThrowsAsync<SiloUnavailableException>(() => counter.CallAsync(new GetCount()));
        Assert.Contains("stopped", error.Message);
    }
}
