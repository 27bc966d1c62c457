using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Guanxi.Data.Postgres.Migrations
{
    /// <summary>
    /// Room on each page of service_requests for the new version of an updated row: a request changes status, deadline
    /// and SLA marks many times, and an update that finds room on its own page changes no index (a heap-only tuple);
    /// one that does not writes a new entry into each of the table's twelve indexes. Pages written from now on keep 15 %
    /// free; existing ones get it when rewritten (VACUUM FULL, CLUSTER). SQLite has no such setting.
    /// </summary>
    public partial class ServiceRequestFillFactor : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE service_requests SET (fillfactor = 85);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE service_requests RESET (fillfactor);");
        }
    }
}
