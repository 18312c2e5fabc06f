namespace DiuParibahan.Grains;

public static class StateWrites
{
    /// <summary>
    /// Writes the grain's state; if that fails, the activation deactivates so the next call reloads what storage really
    /// holds, and the caller gets the error. In-memory state never stays ahead of storage.
    /// </summary>
    public static async Task WriteOrDeactivateAsync<T>(this IPersistentState<T> state, IGrainBase grain)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            grain.DeactivateOnIdle();
            throw;
        }
    }
}
