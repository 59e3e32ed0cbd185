using System.Text;

namespace BrandPortal.Testing;

/// <summary>A strict RFC 4180 reader for checking exports: quoted cells, doubled quotes, CRLF records.</summary>
public static class CsvParse
{
    public static List<List<string>> Records(string csv)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var cell = new StringBuilder();
        var i = 0;
        while (i < csv.Length)
        {
            if (csv[i] == '"' && cell.Length == 0)
            {
                i++;
                while (true)
                {
                    if (i >= csv.Length) throw new FormatException("Unterminated quoted cell.");
                    if (csv[i] == '"')
                    {
                        if (i + 1 < csv.Length && csv[i + 1] == '"') { cell.Append('"'); i += 2; continue; }
                        i++;
                        break;
                    }
                    cell.Append(csv[i++]);
                }
                if (i < csv.Length && csv[i] != ',' && csv[i] != '\r') throw new FormatException($"Text after a closing quote at {i}.");
                continue;
            }
            switch (csv[i])
            {
                case ',':
                    record.Add(cell.ToString()); cell.Clear(); i++;
                    break;
                case '\r' when i + 1 < csv.Length && csv[i + 1] == '\n':
                    record.Add(cell.ToString()); cell.Clear(); records.Add(record); record = []; i += 2;
                    break;
                case '"' or '\r' or '\n':
                    throw new FormatException($"Unquoted {(int)csv[i]} at {i}.");
                default:
                    cell.Append(csv[i++]);
                    break;
            }
        }
        if (cell.Length > 0 || record.Count > 0) throw new FormatException("The last record does not end with CRLF.");
        return records;
    }
}
