using System.Net;
using Disputes.Tests.Infrastructure;
using Xunit;

namespace Disputes.Tests.Operations;

public sealed class when_an_operator_scrapes_metrics(ServiceFixture fixture) : ServiceTest(fixture)
{
    [Fact]
    public async Task the_services_own_metrics_are_on_the_prometheus_endpoint()
    {
        await Client.RegisterAccountAsync();
        var dispute = await Client.OpenDisputeAsync();
        Clock.SetNow("2025-04-03T04:00:05Z");
        Assert.True((await Client.CommandAsync(dispute, "acknowledgment")).IsSuccessStatusCode);

        var response = await Service.OperatorClient().GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Matches(@"disputes_opened_total(\{[^}]*\})? [1-9]", text);
        Assert.Matches(@"disputes_deadline_breaches_total\{[^}]*clock=""acknowledgment""[^}]*\} [1-9]", text);
        Assert.Contains("disputes_breach_recording_lateness_seconds_bucket", text);
        Assert.Contains("http_server_request_duration_seconds", text);
        Assert.Matches(@"disputes_projection_events_behind\{[^}]*projection=""ComplianceDay""[^}]*\} \d", text);
        Assert.Matches(@"disputes_projection_lag_seconds\{[^}]*projection=""ComplianceDay""[^}]*\} \d", text);
    }
}
