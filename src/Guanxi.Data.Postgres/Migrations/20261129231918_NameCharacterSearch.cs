using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Guanxi.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class NameCharacterSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // One- and two-character name search (most Chinese names have two or three characters) without a scan:
            // pg_trgm makes no trigram of a two-character pattern, so "王芳" read all customers (742 ms at a million).
            // This index holds each name as one lexeme per character ('王' '小' '明' with positions); the phrase query
            // 王 <-> 芳 finds names with 王 directly followed by 芳, and the search rechecks with ILIKE because spaces
            // and punctuation are no lexemes. An expression index: nothing to keep in step, PostgreSQL does it. The
            // search must repeat this exact expression (Guanxi.Customers.ShortNameSearch) for the index to serve it.
            migrationBuilder.Sql("""
                CREATE INDEX ix_customers_name_chars ON customers
                USING gin (to_tsvector('simple', regexp_replace(name, '(.)', '\1 ', 'g')));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_customers_name_chars;");
        }
    }
}
