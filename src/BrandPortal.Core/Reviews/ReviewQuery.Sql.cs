using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace BrandPortal.Core.Reviews;

public sealed partial class ReviewQuery
{
    /// <summary>
    /// The statement's parameters, positional ($1, $2 …; see <see cref="DirectQuery"/>). A scalar value already added is
    /// named again rather than sent twice: the per-(brand, star) branches repeat the same few brands, stars and the account.
    /// </summary>
    private sealed class SqlBuilder
    {
        private static readonly string[] Names = Enumerable.Range(1, 64).Select(n => "$" + n.ToString(CultureInfo.InvariantCulture)).ToArray();

        private readonly List<object> _values = [];

        public List<NpgsqlParameter> Parameters { get; } = [];

        public string Add(object value)
        {
            if (value is not Array)
                for (var i = 0; i < _values.Count; i++)
                    if (Equals(_values[i], value)) return Name(i);
            _values.Add(value);
            Parameters.Add(value switch
            {
                long v => new NpgsqlParameter<long> { TypedValue = v },
                short v => new NpgsqlParameter<short> { TypedValue = v },
                int v => new NpgsqlParameter<int> { TypedValue = v },
                string v => new NpgsqlParameter<string> { TypedValue = v },
                long[] v => new NpgsqlParameter<long[]> { TypedValue = v },
                short[] v => new NpgsqlParameter<short[]> { TypedValue = v },
                DateTimeOffset t => new NpgsqlParameter<DateTimeOffset> { NpgsqlDbType = NpgsqlDbType.TimestampTz, TypedValue = t.ToUniversalTime() },
                _ => new NpgsqlParameter { Value = value },
            });
            return Name(Parameters.Count - 1);
        }

        private static string Name(int index) => index < Names.Length ? Names[index] : "$" + (index + 1).ToString(CultureInfo.InvariantCulture);
    }
}
