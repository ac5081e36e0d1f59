using System.Text;

namespace Tracking.Domain.Identity;

/// <summary>Hangul syllables taken apart into jamo, and romanized (Revised Romanization, as names are written: syllable by syllable).</summary>
public static class Hangul
{
    private const int SyllableBase = 0xAC00;
    private const int SyllableCount = 11172;
    private const int VowelCount = 21;
    private const int FinalCount = 28;

    private static readonly string[] s_initialJamo = ["ㄱ", "ㄲ", "ㄴ", "ㄷ", "ㄸ", "ㄹ", "ㅁ", "ㅂ", "ㅃ", "ㅅ", "ㅆ", "ㅇ", "ㅈ", "ㅉ", "ㅊ", "ㅋ", "ㅌ", "ㅍ", "ㅎ"];
    private static readonly string[] s_vowelJamo = ["ㅏ", "ㅐ", "ㅑ", "ㅒ", "ㅓ", "ㅔ", "ㅕ", "ㅖ", "ㅗ", "ㅘ", "ㅙ", "ㅚ", "ㅛ", "ㅜ", "ㅝ", "ㅞ", "ㅟ", "ㅠ", "ㅡ", "ㅢ", "ㅣ"];
    private static readonly string[] s_finalJamo = ["", "ㄱ", "ㄲ", "ㄳ", "ㄴ", "ㄵ", "ㄶ", "ㄷ", "ㄹ", "ㄺ", "ㄻ", "ㄼ", "ㄽ", "ㄾ", "ㄿ", "ㅀ", "ㅁ", "ㅂ", "ㅄ", "ㅅ", "ㅆ", "ㅇ", "ㅈ", "ㅊ", "ㅋ", "ㅌ", "ㅍ", "ㅎ"];
    private static readonly string[] s_initialRoman = ["g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"];
    private static readonly string[] s_vowelRoman = ["a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi", "yu", "eu", "ui", "i"];
    private static readonly string[] s_finalRoman = ["", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"];

    private static readonly System.Buffers.SearchValues<char> s_asciiLetters = System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    public static bool IsSyllable(char c) => c >= SyllableBase && c < SyllableBase + SyllableCount;

    /// <summary>True when the text has Hangul syllables and no Latin letters.</summary>
    public static bool IsHangulName(string text) => text.AsSpan().IndexOfAnyInRange((char)SyllableBase, (char)(SyllableBase + SyllableCount - 1)) >= 0 && !text.AsSpan().ContainsAny(s_asciiLetters);

    /// <summary>Only the Hangul syllables of the text: the text itself when it has nothing else.</summary>
    public static string SyllablesOf(string text) =>
        text.AsSpan().IndexOfAnyExceptInRange((char)SyllableBase, (char)(SyllableBase + SyllableCount - 1)) < 0 ? text : Characters.Only(text, IsSyllable);

    /// <summary>The jamo of each syllable in order (initial, vowel, final), other characters dropped.</summary>
    public static string Jamo(string text)
    {
        var builder = new StringBuilder(text.Length * 3);
        foreach (var (initial, vowel, final) in Syllables(text))
        {
            builder.Append(s_initialJamo[initial]).Append(s_vowelJamo[vowel]).Append(s_finalJamo[final]);
        }

        return builder.ToString();
    }

    /// <summary>The initial consonant of each syllable (초성): unchanged by most typos in vowels and finals.</summary>
    public static string Initials(string text)
    {
        // Every initial jamo is one char; blocking asks this of every record, so no iterator.
        Span<char> initials = text.Length <= 64 ? stackalloc char[text.Length] : new char[text.Length];
        var length = 0;
        foreach (var c in text)
        {
            if (IsSyllable(c))
            {
                initials[length++] = s_initialJamo[(c - SyllableBase) / (VowelCount * FinalCount)][0];
            }
        }

        return new string(initials[..length]);
    }

    /// <summary>Revised Romanization of each syllable, lower case, concatenated.</summary>
    public static string Romanize(string text)
    {
        var builder = new StringBuilder(text.Length * 4);
        foreach (var (initial, vowel, final) in Syllables(text))
        {
            builder.Append(s_initialRoman[initial]).Append(s_vowelRoman[vowel]).Append(s_finalRoman[final]);
        }

        return builder.ToString();
    }

    private static IEnumerable<(int Initial, int Vowel, int Final)> Syllables(string text)
    {
        foreach (var c in text)
        {
            if (IsSyllable(c))
            {
                var index = c - SyllableBase;
                yield return (index / (VowelCount * FinalCount), index % (VowelCount * FinalCount) / FinalCount, index % FinalCount);
            }
        }
    }
}
