using BrandPortal.Core.Access;
using BrandPortal.Core.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Npgsql;
using NpgsqlTypes;

namespace BrandPortal.Core.Generate;

/// <summary>The generated portal users: account administrators, representatives, the benchmark user and the agency user.</summary>
public sealed partial class DataGenerator
{
    /// <summary>Primary brands of seller s, in the order <see cref="SyntheticShape.PrimarySeller"/> assigns them.</summary>
    private IEnumerable<int> BrandsOf(int s)
    {
        for (var b = 0; b < Math.Min(GenerateOptions.BenchBrandCount, options.Brands) && s == 0; b++) yield return b;
        for (var b = s; b < options.Brands; b += options.Sellers)
            if (b >= GenerateOptions.BenchBrandCount) yield return b;
    }

    /// <summary>
    /// Per seller: an account administrator (Administrator of its brands), one representative per brand, and for
    /// sellers with several brands one representative of all of them. Plus the benchmark and agency users on seller 0.
    /// All share one password hash: hashing is deliberately slow, and these are test sign-ins.
    /// </summary>
    private async Task<long> CopyUsersAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var hash = PasswordHashing.Hasher.HashPassword(new PortalUser(), options.BenchPassword);
        var users = new List<(long Id, int Seller, string Email, bool Admin, PermissionLevel Reviews, int[] Brands)>();
        long n = 0;
        users.Add((Id("users", ++n), 0, GenerateOptions.BenchUserEmail, false, PermissionLevel.ViewAndEdit,
            Enumerable.Range(0, Math.Min(GenerateOptions.BenchBrandCount, options.Brands)).ToArray()));
        users.Add((Id("users", ++n), 0, GenerateOptions.AgencyUserEmail, false, PermissionLevel.ViewAndEdit, options.AgencyBrands()));
        await using (var w = await conn.BeginBinaryImportAsync("""
            COPY users (id, seller_account_id, is_account_admin, is_support, access_version, user_name, normalized_user_name, email,
                        normalized_email, email_confirmed, password_hash, security_stamp, concurrency_stamp, phone_number_confirmed,
                        two_factor_enabled, lockout_enabled, access_failed_count) FROM STDIN (FORMAT BINARY)
            """, ct))
        {
            async Task Write(long id, int seller, string email, bool admin)
            {
                await w.StartRowAsync(ct);
                await w.WriteAsync(id, NpgsqlDbType.Bigint, ct);
                await w.WriteAsync(SellerId(seller), NpgsqlDbType.Bigint, ct);
                await w.WriteAsync(admin, NpgsqlDbType.Boolean, ct);
                await w.WriteAsync(false, NpgsqlDbType.Boolean, ct);
                await w.WriteAsync(0, NpgsqlDbType.Integer, ct);
                await w.WriteAsync(email, NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(email.ToUpperInvariant(), NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(email, NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(email.ToUpperInvariant(), NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(true, NpgsqlDbType.Boolean, ct);
                await w.WriteAsync(hash, NpgsqlDbType.Text, ct);
                await w.WriteAsync(SyntheticShape.Hash(options.Seed, 4, id).ToString("X16"), NpgsqlDbType.Text, ct);
                await w.WriteAsync(Guid.Empty.ToString(), NpgsqlDbType.Text, ct);
                await w.WriteAsync(false, NpgsqlDbType.Boolean, ct);
                await w.WriteAsync(false, NpgsqlDbType.Boolean, ct);
                await w.WriteAsync(true, NpgsqlDbType.Boolean, ct);
                await w.WriteAsync(0, NpgsqlDbType.Integer, ct);
            }

            await Write(users[0].Id, 0, users[0].Email, false);
            await Write(users[1].Id, 0, users[1].Email, false);
            for (var s = 0; s < options.Sellers; s++)
            {
                var brands = BrandsOf(s).ToArray();
                var admin = (Id("users", ++n), s, $"admin{s + 1}.{Prefix.ToLowerInvariant()}@gen.test", true, PermissionLevel.View, brands);
                await Write(admin.Item1, s, admin.Item3, true);
                users.Add(admin);
                foreach (var b in brands)
                {
                    // One representative in ten may only look (View), as real accounts hand out read-only access.
                    var level = SyntheticShape.Hash(options.Seed, 5, b) % 10 == 0 ? PermissionLevel.View : PermissionLevel.ViewAndEdit;
                    var rep = (Id("users", ++n), s, $"rep{b + 1}.{Prefix.ToLowerInvariant()}@gen.test", false, level, new[] { b });
                    await Write(rep.Item1, s, rep.Item3, false);
                    users.Add(rep);
                }
                if (brands.Length > 1)
                {
                    var multi = (Id("users", ++n), s, $"multi{s + 1}.{Prefix.ToLowerInvariant()}@gen.test", false, PermissionLevel.ViewAndEdit, brands);
                    await Write(multi.Item1, s, multi.Item3, false);
                    users.Add(multi);
                }
            }
            await w.CompleteAsync(ct);
        }
        // Users are ~2 per brand: a list of them is small next to the million rows that stream.
        await using (var w = await conn.BeginBinaryImportAsync("COPY user_permissions (user_id, permission, level) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var u in users)
            {
                await w.WriteRowAsync(ct, u.Id, nameof(Permission.CustomerReviews), u.Reviews.ToString());
                await w.WriteRowAsync(ct, u.Id, nameof(Permission.BuyerSellerMessages), (u.Admin ? PermissionLevel.View : PermissionLevel.ViewAndEdit).ToString());
                if (u.Admin) await w.WriteRowAsync(ct, u.Id, nameof(Permission.UserPermissions), nameof(PermissionLevel.ViewAndEdit));
            }
            await w.CompleteAsync(ct);
        }
        await using (var w = await conn.BeginBinaryImportAsync("COPY user_brand_roles (user_id, brand_id, role) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var u in users)
                foreach (var b in u.Brands)
                    await w.WriteRowAsync(ct, u.Id, BrandId(b), (u.Admin ? BrandRole.Administrator : BrandRole.BrandRepresentative).ToString());
            await w.CompleteAsync(ct);
        }
        return users.Count;
    }
}
