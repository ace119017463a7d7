using System.Text.Json;
using System.Text.Json.Serialization;
using Disputes.Domain.BillingCycles;
using NodaTime;
using NodaTime.Text;
using Xunit;

namespace Disputes.Domain.Tests.BillingCycles;

public class when_listing_explicit_closing_dates
{
    private static readonly ExplicitClosingDates Quarterly = new(
        [new(2025, 1, 15), new(2025, 4, 15), new(2025, 7, 15), new LocalDate(2025, 10, 15)]);

    [Fact]
    public void only_the_listed_dates_on_or_after_the_given_day_are_returned()
    {
        Assert.Equal(
            [new(2025, 4, 15), new(2025, 7, 15), new LocalDate(2025, 10, 15)],
            Quarterly.ClosingDatesOnOrAfter(new LocalDate(2025, 4, 15)));
        Assert.Equal(
            [new(2025, 7, 15), new LocalDate(2025, 10, 15)],
            Quarterly.ClosingDatesOnOrAfter(new LocalDate(2025, 4, 16)));
        Assert.Empty(Quarterly.ClosingDatesOnOrAfter(new LocalDate(2025, 10, 16)));
    }

    [Fact]
    public void an_empty_list_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new ExplicitClosingDates([]));

        Assert.Contains("at least one closing date", error.Message);
    }

    [Fact]
    public void a_duplicate_date_is_refused_naming_it()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new ExplicitClosingDates([new(2025, 1, 15), new(2025, 2, 15), new LocalDate(2025, 2, 15)]));

        Assert.Contains("2025-02-15 is listed twice", error.Message);
    }

    [Fact]
    public void dates_out_of_order_are_refused_naming_them()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new ExplicitClosingDates([new(2025, 3, 15), new LocalDate(2025, 2, 15)]));

        Assert.Contains("2025-02-15 comes after 2025-03-15", error.Message);
    }

    [Fact]
    public void calendars_listing_the_same_dates_are_equal()
    {
        var copy = new ExplicitClosingDates(Quarterly.Dates.ToList());

        Assert.Equal(Quarterly, copy);
        Assert.Equal(Quarterly.GetHashCode(), copy.GetHashCode());
        Assert.NotEqual(Quarterly, new ExplicitClosingDates(Quarterly.Dates.Take(3).ToList()));
    }

    [Fact]
    public void changing_the_callers_list_afterwards_changes_nothing()
    {
        var dates = new List<LocalDate> { new(2025, 1, 15), new(2025, 2, 15) };
        var calendar = new ExplicitClosingDates(dates);

        dates.Add(new LocalDate(2025, 1, 1));

        Assert.Equal(2, calendar.Dates.Count);
    }

    [Fact]
    public void to_string_shows_the_dates()
    {
        Assert.Equal(
            "ExplicitClosingDates { Dates = [2025-01-15, 2025-04-15, 2025-07-15, 2025-10-15] }",
            Quarterly.ToString());
    }

    [Fact]
    public void both_kinds_round_trip_through_json_with_a_kind_discriminator()
    {
        var options = new JsonSerializerOptions { Converters = { new IsoLocalDateConverter() } };
        BillingCycleCalendar[] calendars = [new MonthlyClosingDay(31), Quarterly];

        foreach (var calendar in calendars)
        {
            var json = JsonSerializer.Serialize(calendar, options);
            Assert.Equal(calendar, JsonSerializer.Deserialize<BillingCycleCalendar>(json, options));
        }

        Assert.Equal("""{"kind":"monthly","Day":31}""", JsonSerializer.Serialize(calendars[0], options));
    }

    [Fact]
    public void deserializing_an_invalid_calendar_fails_validation()
    {
        var options = new JsonSerializerOptions { Converters = { new IsoLocalDateConverter() } };

        Assert.Throws<ArgumentOutOfRangeException>(() =>
            JsonSerializer.Deserialize<BillingCycleCalendar>("""{"kind":"monthly","Day":32}""", options));
        Assert.Throws<ArgumentException>(() =>
            JsonSerializer.Deserialize<BillingCycleCalendar>(
                """{"kind":"explicit","Dates":["2025-02-15","2025-01-15"]}""", options));
    }

    // The domain has no serializer of its own; the host uses NodaTime.Serialization.SystemTextJson.
    private sealed class IsoLocalDateConverter : JsonConverter<LocalDate>
    {
        public override LocalDate Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            LocalDatePattern.Iso.Parse(reader.GetString()!).Value;

        public override void Write(Utf8JsonWriter writer, LocalDate value, JsonSerializerOptions options) =>
            writer.WriteStringValue(LocalDatePattern.Iso.Format(value));
    }
}
