using System.Net.Sockets;
using Npgsql;

namespace BrandPortal.Core.Data.Replicas;

/// <summary>A failure that means "the server is not answering", as opposed to a bug or a refused statement.</summary>
public static class Outage
{
    public static bool Is(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            // Connection exceptions (08…), the server shutting down or starting (57P01-57P03), too many connections.
            if (e is PostgresException pg) return pg.SqlState.StartsWith("08", StringComparison.Ordinal)
                                                  || pg.SqlState.StartsWith("57P", StringComparison.Ordinal) || pg.SqlState == "53300";
            if (e is NpgsqlException or SocketException or TimeoutException or EndOfStreamException or IOException) return true;
        }
        return false;
    }
}
