namespace Tracking.Domain.Identity;

/// <summary>Characters picked out of a text.</summary>
internal static class Characters
{
    /// <summary>
    /// The characters of <paramref name="text"/> that <paramref name="keep"/> keeps, in order. A
    /// sweep makes every name it compares out again (the index keeps them as text, for memory):
    /// made through LINQ, this was a thirtieth of its CPU.
    /// </summary>
    public static string Only(string text, Func<char, bool> keep)
    {
        var count = 0;
        foreach (var c in text)
        {
            count += keep(c) ? 1 : 0;
        }

        return count == text.Length ? text : string.Create(count, (text, keep), static (kept, from) =>
        {
            var k = 0;
            foreach (var c in from.text)
            {
                if (from.keep(c))
                {
                    kept[k++] = c;
                }
            }
        });
    }
}
