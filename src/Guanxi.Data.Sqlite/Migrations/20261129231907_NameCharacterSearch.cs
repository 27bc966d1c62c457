using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Guanxi.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class NameCharacterSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // One- and two-character name search (most Chinese names have two or three characters) without a scan:
            // the trigram index needs three characters. This FTS5 table holds each name as one token per character
            // ("王 小 明"), so the phrase "王 芳" matches names with 王 directly followed by 芳. The search rechecks
            // with LIKE, because punctuation and spaces are not tokens ("Li Wei" also matches the phrase "i w").
            // Contentless: the text lives in customers; a delete must repeat the old tokens, which the triggers
            // recompute from old.name.
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE customer_name_chars USING fts5(
                    name_chars, content='', tokenize='unicode61 remove_diacritics 0');
                """);
            migrationBuilder.Sql($"INSERT INTO customer_name_chars(rowid, name_chars) SELECT id, {Spaced("name")} FROM customers;");
            migrationBuilder.Sql($"""
                CREATE TRIGGER customers_name_chars_insert AFTER INSERT ON customers BEGIN
                    INSERT INTO customer_name_chars(rowid, name_chars) VALUES (new.id, {Spaced("new.name")});
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER customers_name_chars_delete AFTER DELETE ON customers BEGIN
                    INSERT INTO customer_name_chars(customer_name_chars, rowid, name_chars) VALUES ('delete', old.id, {Spaced("old.name")});
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER customers_name_chars_update AFTER UPDATE OF name ON customers BEGIN
                    INSERT INTO customer_name_chars(customer_name_chars, rowid, name_chars) VALUES ('delete', old.id, {Spaced("old.name")});
                    INSERT INTO customer_name_chars(rowid, name_chars) VALUES (new.id, {Spaced("new.name")});
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS customers_name_chars_insert;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS customers_name_chars_delete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS customers_name_chars_update;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS customer_name_chars;");
        }

        /// <summary>
        /// SQL for the characters of <paramref name="column"/> separated by spaces, up to the 200 characters a name
        /// may have (the limit when this migration was written; kept here so the migration never changes).
        /// </summary>
        /// <remarks>
        /// SQLite has no split function and triggers may not use recursive CTEs, so this is substr() per position.
        /// The positions come in nested blocks that stop after the name's length: one flat expression of 200
        /// substr() calls cost 43 µs per row (43 s for a million names), the blocks 1.5 µs.
        /// </remarks>
        internal static string Spaced(string column)
        {
            int[] blockEnds = [4, 8, 16, 32, 64, 128, 200];
            var sql = new StringBuilder();
            int start = 1;
            foreach (var end in blockEnds)
            {
                var block = string.Join("||' '||", Enumerable.Range(start, end - start + 1).Select(i => string.Create(CultureInfo.InvariantCulture, $"substr({column},{i},1)")));
                sql.Append(start == 1 ? block : string.Create(CultureInfo.InvariantCulture, $"||CASE WHEN length({column})>{start - 1} THEN ' '||{block}"));
                start = end + 1;
            }
            sql.Append(string.Concat(Enumerable.Repeat(" ELSE '' END", blockEnds.Length - 1)));
            return sql.ToString();
        }
    }
}
