using Disputes.Tests.Infrastructure;
using Xunit;

namespace Disputes.Tests.Operations;

/// <summary>
/// Every setting is read one way (<c>Hosting/Settings</c>): a value that breaks its rule or cannot be read as its type
/// stops the service before it opens a connection, with a message naming the setting, instead of a service that starts
/// and misbehaves later.
/// </summary>
public sealed class when_a_setting_is_wrong
{
    private static Task<InvalidOperationException> StartWithAsync(string key, string value) =>
        Assert.ThrowsAsync<InvalidOperationException>(() => DisputesHost.StartAsync(
            "Host=127.0.0.1;Database=never_opened", settings: new Dictionary<string, string?> { [key] = value }));

    [Theory]
    [InlineData("Disputes:RateLimits:IntakePerMinute", "0")]
    [InlineData("Disputes:RateLimits:UploadsPerMinute", "-5")]
    [InlineData("Disputes:Timers:PollingInterval", "00:00:00")]
    [InlineData("Disputes:Timers:BatchSize", "0")]
    [InlineData("Disputes:Nodes:DeadAfter", "00:00:00")]
    [InlineData("Disputes:DeadlineWarnings:DaysBefore:0", "120")]
    [InlineData("Disputes:Webhooks:ParallelDeliveries", "0")]
    [InlineData("Disputes:Approvals:RequiredAbove", "-1")]
    [InlineData("Disputes:Operations:Token", "too-short")]
    public async Task a_value_outside_its_rule_stops_the_start_naming_the_setting(string key, string value)
    {
        var refused = await StartWithAsync(key, value);

        var member = key.Split(':')[2];
        Assert.Contains(string.Join(':', key.Split(':').Take(3)), refused.Message);
        Assert.Contains(member, refused.Message);
    }

    [Fact]
    public async Task a_value_that_is_not_of_its_type_stops_the_start_naming_the_setting()
    {
        var refused = await StartWithAsync("Disputes:Timers:PollingInterval", "every second");

        Assert.Contains("Disputes:Timers:PollingInterval", refused.Message);
    }
}
