using BrandPortal.Core.Paging;

namespace BrandPortal.Web.Pages;

/// <summary>
/// The Previous / Next links of a keyset-paged list: the page's path with <c>before=</c> (its first row) or <c>after=</c>
/// (its last row), so every page is a bookmarkable URL.
/// </summary>
public sealed record Pager(string Path, PageCursor? Next, PageCursor? Previous)
{
    public static Pager Of<T>(string path, KeysetPage<T> page) => new(path, page.Next, page.Previous);

    public string NextHref => $"{Path}?after={Uri.EscapeDataString(Next!.Encode())}";

    public string PreviousHref => $"{Path}?before={Uri.EscapeDataString(Previous!.Encode())}";
}
