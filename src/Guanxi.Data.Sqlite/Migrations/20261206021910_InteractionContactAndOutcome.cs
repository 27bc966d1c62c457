using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Guanxi.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class InteractionContactAndOutcome : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The foreign key goes in with the column: EF's AddForeignKey rebuilds the table on SQLite, which would drop
            // the interactions' rollup triggers and copy every row.
            migrationBuilder.Sql("ALTER TABLE interactions ADD COLUMN contact_id INTEGER NULL REFERENCES contacts (id) ON DELETE SET NULL;");

            migrationBuilder.AddColumn<string>(
                name: "outcome",
                table: "interactions",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_interactions_contact_id",
                table: "interactions",
                column: "contact_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_interactions_contact_id",
                table: "interactions");

            migrationBuilder.DropColumn(
                name: "contact_id",
                table: "interactions");

            migrationBuilder.DropColumn(
                name: "outcome",
                table: "interactions");
        }
    }
}
