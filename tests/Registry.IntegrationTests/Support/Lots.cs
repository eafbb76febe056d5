using System.Text.Json;
using System.Text.Json.Nodes;

namespace Registry.IntegrationTests.Support;

public static class Lots
{
    public static readonly DateTimeOffset Day = new(2026, 1, 10, 9, 0, 0, TimeSpan.FromHours(9));

    /// <summary>A valid registration (100 kg of PET) with the given fields replaced or added.</summary>
    public static JsonObject Registration(object? overrides = null)
    {
        var body = new JsonObject
        {
            ["lotNumber"] = $"LOT-{Guid.NewGuid():N}",
            ["category"] = "Plastic",
            ["material"] = "PET",
            ["massKg"] = 100m,
            ["occurredAt"] = Day,
        };
        if (overrides is not null)
            foreach (var (key, value) in JsonSerializer.SerializeToNode(overrides, JsonSerializerOptions.Web)!.AsObject())
                body[key] = value?.DeepClone();
        return body;
    }

    public static string At(int day) => Day.AddDays(day).ToString("O");
}
