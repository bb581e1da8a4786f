using System.Diagnostics;

namespace Baton.Agents.Tests.Models;

public sealed class TokenCounterTests
{
    [Fact]
    public void Count_OrdinaryText_MatchesTheEncoding()
    {
        Assert.Equal(0, TokenCounter.Count(""));
        Assert.InRange(TokenCounter.Count("Summarise this week's competitor news for the product team."), 8, 16);
    }

    [Fact]
    public void Count_LongWord_IsCountedInPieces_CloseToTheWholeWord()
    {
        var word = string.Concat(Enumerable.Range(0, 200).Select(i => (char)('a' + (i * 7 % 26))));

        var count = TokenCounter.Count(word);

        // Pieces of 64 characters: at most one extra token per cut.
        Assert.InRange(count, 30, 130);
    }

    [Fact]
    public void Count_OneLongSingleWord_Finishes_InsteadOfPinningACpuForHours()
    {
        // Byte-pair encoding of one word is quadratic: before, 40k characters took 13 s and a megabyte ran for hours.
        var random = new Random(14);
        var word = new string(Enumerable.Range(0, 300_000).Select(_ => (char)('a' + random.Next(26))).ToArray());
        var clock = Stopwatch.StartNew();

        var count = TokenCounter.Count(word);

        Assert.InRange(count, 30_000, 300_000);
        Assert.True(clock.Elapsed < TimeSpan.FromMinutes(1), $"Counting took {clock.Elapsed.TotalSeconds:F0} s.");
    }
}
