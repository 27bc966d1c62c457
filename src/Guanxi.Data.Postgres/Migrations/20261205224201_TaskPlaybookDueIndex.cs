using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Guanxi.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class TaskPlaybookDueIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_tasks_playbook_id_due_at",
                table: "tasks",
                columns: new[] { "playbook_id", "due_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_tasks_playbook_id_due_at",
                table: "tasks");
        }
    }
}
