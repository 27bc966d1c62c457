using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Guanxi.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class OpportunitySearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "q",
                table: "opportunity_views",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            // Titles searched for any fragment (ILIKE '%…%') through a trigram GIN index (pg_trgm: migration CustomerSearchIndex).
            migrationBuilder.Sql("CREATE INDEX ix_opportunities_title_trgm ON opportunities USING gin (title gin_trgm_ops);");
            // One- and two-character fragments, which trigrams cannot serve: one lexeme per character, as
            // ix_customers_name_chars does for names (decision 0008).
            migrationBuilder.Sql("""
                CREATE INDEX ix_opportunities_title_chars ON opportunities
                USING gin (to_tsvector('simple', regexp_replace(title, '(.)', '\1 ', 'g')));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_opportunities_title_trgm;");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_opportunities_title_chars;");
            migrationBuilder.DropColumn(
                name: "q",
                table: "opportunity_views");
        }
    }
}
