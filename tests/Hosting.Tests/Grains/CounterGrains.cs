namespace DiuParibahan.Hosting.Tests.Grains;

/// <summary>A persistent counter keyed by a string (the key is stored as the grain id's extension string).</summary>
[Alias("test.counter")]
public interface ICounterGrain : IGrainWithStringKey
{
    [Alias("increment")] Task<int> IncrementAsync();

    [Alias("get")] Task<int> GetAsync();

    [Alias("reset")] Task ResetAsync();
}

/// <summary>The same counter keyed by an integer (stored in the id halves, no extension string).</summary>
[Alias("test.numbered-counter")]
public interface INumberedCounterGrain : IGrainWithIntegerKey
{
    [Alias("increment")] Task<int> IncrementAsync();

    [Alias("get")] Task<int> GetAsync();
}

[GenerateSerializer, Alias("test.counter-state")]
public sealed class CounterState
{
    [Id(0)] public int Count { get; set; }
}

public sealed class CounterGrain([PersistentState("counter", "Default")] IPersistentState<CounterState> state)
    : Grain, ICounterGrain
{
    public async Task<int> IncrementAsync()
    {
        state.State.Count++;
        await state.WriteStateAsync();
        return state.State.Count;
    }

    public Task<int> GetAsync() => Task.FromResult(state.State.Count);

    public Task ResetAsync() => state.ClearStateAsync();
}

public sealed class NumberedCounterGrain(
    [PersistentState("numbered-counter", "Default")] IPersistentState<CounterState> state)
    : Grain, INumberedCounterGrain
{
    public async Task<int> IncrementAsync()
    {
        state.State.Count++;
        await state.WriteStateAsync();
        return state.State.Count;
    }

    public Task<int> GetAsync() => Task.FromResult(state.State.Count);
}

/// <summary>Registers a reminder far in the future, so it is stored but never fires during a test.</summary>
[Alias("test.reminder-owner")]
public interface IReminderOwnerGrain : IGrainWithStringKey
{
    [Alias("register")] Task RegisterAsync(string reminderName);
}

public sealed class ReminderOwnerGrain : Grain, IReminderOwnerGrain, IRemindable
{
    public Task RegisterAsync(string reminderName) =>
        this.RegisterOrUpdateReminder(reminderName, TimeSpan.FromHours(1), TimeSpan.FromHours(1));

    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;
}
