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
                name: "search",
                table: "opportunity_views",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            // Titles searched for any fragment (ILIKE '%…%') through a trigram GIN index (pg_trgm: migration CustomerSearchIndex).
            migrationBuilder.Sql("CREATE INDEX ix_opportunities_title_trgm ON opportunities USING gin (title gin_trgm_ops);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_opportunities_title_trgm;");
            migrationBuilder.DropColumn(
                name: "search",
                table: "opportunity_views");
        }
    }
}
