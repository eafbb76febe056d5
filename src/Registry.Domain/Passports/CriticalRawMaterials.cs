namespace Registry.Domain.Passports;

/// <summary>
/// The EU list of critical raw materials, Regulation (EU) 2024/1252 (Critical Raw Materials Act), Annex II Section 1,
/// as the element symbols a lot's composition names: a passport flags each component on it (Battery Regulation
/// 2023/1542, Annex VI Part A and Annex XIII 1: "critical raw materials present in the battery").
/// Entries that are minerals or fuels rather than elements (baryte, coking coal, feldspar, fluorspar, natural graphite,
/// phosphate rock) are not flagged: an element symbol (Ba, C, F, ...) cannot tell them from the same element in any
/// other form. Grades the list names ("battery grade" nickel, "metal" silicon and titanium) cannot be told apart
/// either: the element is flagged with the entry's name.
/// Transcribed from the Regulation's list of 34 entries; check against EUR-Lex 32024R1252 when the list is revised
/// (every three years, CRMA Art. 5).
/// </summary>
public static class CriticalRawMaterials
{
    public const string Source = "Regulation (EU) 2024/1252, Annex II Section 1 (EU list of critical raw materials)";

    private static readonly (string Entry, string[] Symbols)[] Entries =
    [
        ("Aluminium/bauxite/alumina", ["Al"]),
        ("Antimony", ["Sb"]),
        ("Arsenic", ["As"]),
        ("Beryllium", ["Be"]),
        ("Bismuth", ["Bi"]),
        ("Boron", ["B"]),
        ("Cobalt", ["Co"]),
        ("Copper", ["Cu"]),
        ("Gallium", ["Ga"]),
        ("Germanium", ["Ge"]),
        ("Hafnium", ["Hf"]),
        ("Helium", ["He"]),
        ("Heavy rare earth elements", ["Dy", "Er", "Eu", "Gd", "Ho", "Lu", "Tb", "Tm", "Y", "Yb"]),
        ("Light rare earth elements", ["Ce", "La", "Nd", "Pr", "Sm"]),
        ("Lithium", ["Li"]),
        ("Magnesium", ["Mg"]),
        ("Manganese", ["Mn"]),
        ("Nickel (battery grade)", ["Ni"]),
        ("Niobium", ["Nb"]),
        ("Phosphorus", ["P"]),
        ("Platinum group metals", ["Ir", "Os", "Pd", "Pt", "Rh", "Ru"]),
        ("Scandium", ["Sc"]),
        ("Silicon metal", ["Si"]),
        ("Strontium", ["Sr"]),
        ("Tantalum", ["Ta"]),
        ("Titanium metal", ["Ti"]),
        ("Tungsten", ["W"]),
        ("Vanadium", ["V"]),
    ];

    private static readonly Dictionary<string, string> EntryBySymbol =
        Entries.SelectMany(e => e.Symbols.Select(symbol => (symbol, e.Entry))).ToDictionary(e => e.symbol, e => e.Entry, StringComparer.Ordinal);

    /// <summary>The list's entry that names <paramref name="component"/>, or null when it is on no entry.</summary>
    public static string? EntryOf(string component) => EntryBySymbol.GetValueOrDefault(component);
}
