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
        return With(body, overrides);
    }

    /// <summary>The body with the fields of <paramref name="overrides"/> replaced or added.</summary>
    public static JsonObject With(JsonObject body, object? overrides)
    {
        if (overrides is not null)
            foreach (var (key, value) in JsonSerializer.SerializeToNode(overrides, JsonSerializerOptions.Web)!.AsObject())
                body[key] = value?.DeepClone();
        return body;
    }

    /// <summary>A composition or a source distribution, keys as written (element symbols are case-sensitive).</summary>
    public static Dictionary<string, decimal> Map(params (string Key, decimal Value)[] entries) =>
        entries.ToDictionary(e => e.Key, e => e.Value);

    /// <summary>An output line of a transformation.</summary>
    public static object Output(string category, string material, decimal massKg, object? composition = null, int? units = null) =>
        new { lotNumber = $"OUT-{Guid.NewGuid():N}", category, material, massKg, composition, units };

    public static IReadOnlyDictionary<string, decimal> Sources(JsonObject lot, string component) =>
        lot["provenance"]!.AsArray().Single(p => p!["component"]!.GetValue<string>() == component)!["sources"]!.AsArray()
            .ToDictionary(s => s!["source"]!.GetValue<string>(), s => s!["share"]!.GetValue<decimal>());

    public static decimal ComponentMassKg(JsonObject lot, string component) =>
        lot["composition"]!.AsArray().Single(c => c!["component"]!.GetValue<string>() == component)!["massKg"]!.GetValue<decimal>();

    public static string At(int day) => Day.AddDays(day).ToString("O");
}
