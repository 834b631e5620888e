using Translator.Core.Caching;

namespace Translator.Core.Tests.Caching;

public sealed class BoundedMemoTests
{
    [Fact]
    public void TryGet_KeyBuiltInASpan_FindsTheValueAddedUnderTheString()
    {
        var memo = new BoundedMemo(4);
        memo.Add("ko:1,2,", "g.test.abc");

        Span<char> key = stackalloc char[7];
        "ko:1,2,".CopyTo(key);

        Assert.True(memo.TryGet(key, out var value));
        Assert.Equal("g.test.abc", value);
        Assert.False(memo.TryGet("ko:1,", out _));
    }

    [Fact]
    public void Add_PastCapacity_ForgetsEverythingAtOnce()
    {
        var memo = new BoundedMemo(3);
        for (var i = 0; i < 3; i++)
        {
            memo.Add($"k{i}", $"v{i}");
        }
        Assert.True(memo.TryGet("k0", out _));

        memo.Add("k3", "v3");

        Assert.False(memo.TryGet("k0", out _));
        Assert.False(memo.TryGet("k3", out _));
        memo.Add("k4", "v4");
        Assert.True(memo.TryGet("k4", out _));
    }
}
