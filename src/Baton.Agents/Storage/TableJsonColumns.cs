using System.Globalization;
using System.Text;
using Azure.Data.Tables;

namespace Baton.Agents;

/// <summary>
/// How Baton's ledgers keep a JSON record in one Azure Table row: split over string properties <c>Record0..n</c> of at
/// most <see cref="ChunkChars"/> characters (a property holds 64 KiB, UTF-16), counted in <c>Chunks</c>, at most
/// <see cref="MaxChars"/> in all so that the row stays under the 1 MiB an entity may hold with room for its other
/// columns; and how ids become table keys.
/// </summary>
internal static class TableJsonColumns
{
    /// <summary>Characters per property.</summary>
    public const int ChunkChars = 30_000;

    /// <summary>Properties per row: 15 x 30,000 UTF-16 characters is about 900 KB.</summary>
    public const int MaxChunks = 15;

    /// <summary>The longest JSON one row holds.</summary>
    public const int MaxChars = ChunkChars * MaxChunks;

    /// <summary>Writes <paramref name="json"/> (at most <see cref="MaxChars"/> characters) into <paramref name="entity"/>.</summary>
    public static void Write(TableEntity entity, string json)
    {
        if (json.Length > MaxChars)
        {
            throw new ArgumentException($"{json.Length} characters of JSON do not fit one table row (at most {MaxChars}).", nameof(json));
        }

        var chunks = (json.Length + ChunkChars - 1) / ChunkChars;
        entity["Chunks"] = chunks;
        for (var i = 0; i < chunks; i++)
        {
            entity["Record" + i.ToString(CultureInfo.InvariantCulture)] = json.Substring(i * ChunkChars, Math.Min(ChunkChars, json.Length - (i * ChunkChars)));
        }
    }

    /// <summary>The JSON <see cref="Write"/> stored in <paramref name="entity"/>; null when it holds none.</summary>
    public static string? Read(TableEntity entity)
    {
        var chunks = entity.GetInt32("Chunks") ?? 0;
        var json = new StringBuilder();
        for (var i = 0; i < chunks; i++)
        {
            json.Append(entity.GetString("Record" + i.ToString(CultureInfo.InvariantCulture)));
        }

        return json.Length == 0 ? null : json.ToString();
    }

    /// <summary>Table keys may not hold / \ # ? or control characters: those (and %) are written as %XX.</summary>
    public static string Key(string value)
    {
        var key = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c is '/' or '\\' or '#' or '?' or '%' || char.IsControl(c))
            {
                key.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                key.Append(c);
            }
        }

        return key.ToString();
    }
}
