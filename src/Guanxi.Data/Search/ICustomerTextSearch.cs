using Guanxi.Domain.Customers;

namespace Guanxi.Data.Search;

/// <summary>
/// The customer list's text search (`q=`), the one part of the list whose SQL differs per database: SQLite reads its
/// FTS5 tables, PostgreSQL its trigram and per-character GIN indexes. Each method narrows <c>customers</c> (the
/// filtered query root) and leaves the access filter, the other filters, sorting and paging to compose on top.
/// </summary>
public interface ICustomerTextSearch
{
    /// <summary>Customers whose phone or a contact's phone contains <paramref name="digits"/>, or whose code is exactly <paramref name="text"/>.</summary>
    IQueryable<Customer> ByPhoneDigits(GuanxiDbContext db, IQueryable<Customer> customers, string digits, string text);

    /// <summary>Customers whose normalised e-mail contains <paramref name="lowerText"/>.</summary>
    IQueryable<Customer> ByEmail(GuanxiDbContext db, IQueryable<Customer> customers, string lowerText);

    /// <summary>
    /// Customers whose name contains <paramref name="text"/> or whose code starts with it. A short text may replace the
    /// query root (the per-character index), so call this before adding any other condition.
    /// </summary>
    IQueryable<Customer> ByNameOrCode(GuanxiDbContext db, IQueryable<Customer> customers, string text);

    /// <summary>
    /// Ids of customers whose full pinyin or pinyin initials start with <paramref name="letters"/> (lower-case ASCII
    /// letters; decision 0021), through the prefix indexes of the migration PinyinSearch.
    /// </summary>
    IQueryable<long> PinyinIds(GuanxiDbContext db, string letters);
}

/// <summary>Text helpers both providers' searches share.</summary>
public static class SearchText
{
    /// <summary>A LIKE pattern's wildcards taken literally (escape character <c>\</c>).</summary>
    public static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    /// <summary>Short texts with a letter or digit go to the per-character name index (decision 0008); a text of only punctuation has no token to look up.</summary>
    public static bool IsShortName(string text) => text.Length < 3 && text.Any(char.IsLetterOrDigit);

    /// <summary>
    /// Texts also looked up as pinyin (decision 0021): two or more ASCII letters and nothing else ("wym", "Lei"). One
    /// letter is the initial of a tenth of all names, no search.
    /// </summary>
    public static bool IsPinyin(string text) => text.Length is >= 2 and <= Domain.Text.PinyinReading.MaxFull && text.All(char.IsAsciiLetter);
}
