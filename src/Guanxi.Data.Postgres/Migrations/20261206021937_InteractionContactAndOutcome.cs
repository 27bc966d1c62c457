using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Guanxi.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class InteractionContactAndOutcome : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "contact_id",
                table: "interactions",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "outcome",
                table: "interactions",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_interactions_contact_id",
                table: "interactions",
                column: "contact_id");

            migrationBuilder.AddForeignKey(
                name: "fk_interactions_contacts_contact_id",
                table: "interactions",
                column: "contact_id",
                principalTable: "contacts",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_interactions_contacts_contact_id",
                table: "interactions");

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
