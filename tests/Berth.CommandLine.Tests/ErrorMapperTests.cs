namespace Berth.CommandLine.Tests;

public sealed class ErrorMapperTests
{
    private static CliRoot RootThrowing(Exception exception)
    {
        var root = new CliRoot("berth", "B");
        var cmd = root.AddCommand(new CliCommand("pull", "Pull"));
        cmd.SetHandler((ctx, ct) => throw exception);
        return root;
    }

    [Fact]
    public async Task WithoutMapper_ExceptionsPropagate()
    {
        var root = RootThrowing(new InvalidOperationException("boom"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => root.InvokeAsync(["pull"], TextWriter.Null, TextWriter.Null));
    }

    [Fact]
    public async Task Mapper_WritesItsMessageAndReturnsItsExitCode()
    {
        var root = RootThrowing(new KeyNotFoundException("No such image: busybox"));
        root.ErrorMapper = ex => ex is KeyNotFoundException ? new CliFailure("Error response from daemon: " + ex.Message, 1) : null;
        using var stderr = new StringWriter();
        Assert.Equal(1, await root.InvokeAsync(["pull"], TextWriter.Null, stderr));
        Assert.Equal("Error response from daemon: No such image: busybox\n", stderr.ToString());
    }

    [Fact]
    public async Task Mapper_ReturningNull_LetsTheExceptionPropagate()
    {
        var root = RootThrowing(new TimeoutException("slow"));
        root.ErrorMapper = ex => null;
        await Assert.ThrowsAsync<TimeoutException>(() => root.InvokeAsync(["pull"], TextWriter.Null, TextWriter.Null));
    }

    [Fact]
    public async Task Mapper_EmptyMessage_WritesNothing()
    {
        var root = RootThrowing(new OperationCanceledException());
        root.ErrorMapper = ex => new CliFailure("", 130);
        using var stderr = new StringWriter();
        Assert.Equal(130, await root.InvokeAsync(["pull"], TextWriter.Null, stderr));
        Assert.Equal("", stderr.ToString());
    }
}
