using Disputes.Api.BusinessDays;
using Disputes.Api.Disputes.Approving;
using Disputes.Api.Disputes.Opening;
using Disputes.Api.Disputes.Timing;
using Disputes.Api.Holds;
using Disputes.Api.Hosting;
using NodaTime;

namespace Disputes.Api.Disputes;

/// <summary>What working a dispute needs beside its endpoints: the clock, intake's case numbers, the deadline and hold timers, the calendars, the settings of each step, and the clean-up of uploads a crash left behind.</summary>
public static class DisputeWork
{
    /// <summary>Registers it.</summary>
    public static void AddDisputeWork(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(ShiftedClock.From(builder.AddSettings<ShiftedClock.Settings>()));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<CaseNumbers>();
        builder.Services.AddExceptionHandler<RepeatedIntake>();
        builder.Services.AddSingleton(new ProcessingTimeZone(builder.AddSettings<ClockOptions>().Zone()));
        builder.AddSettings<DeadlineWarningOptions>();
        builder.Services.AddSingleton<DeadlineTimers>();
        builder.Services.AddSingleton<HoldTimers>();
        builder.AddDisputesBusinessDays();
        builder.AddSettings<ApprovalOptions>();
        builder.Services.AddHostedService<Evidence.AbandonedUploads>();
    }
}
