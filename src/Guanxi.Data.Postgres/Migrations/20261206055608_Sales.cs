using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Guanxi.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Sales : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "grade",
                table: "customers",
                type: "character varying(1)",
                maxLength: 1,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "grade_reason",
                table: "customers",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "grade_set_at",
                table: "customers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "customer_grade_changes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    customer_id = table.Column<long>(type: "bigint", nullable: false),
                    from_grade = table.Column<string>(type: "character varying(1)", maxLength: 1, nullable: true),
                    to_grade = table.Column<string>(type: "character varying(1)", maxLength: 1, nullable: false),
                    reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    by_id = table.Column<long>(type: "bigint", nullable: true),
                    at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_customer_grade_changes", x => x.id);
                    table.ForeignKey(
                        name: "fk_customer_grade_changes_asp_net_users_by_id",
                        column: x => x.by_id,
                        principalTable: "asp_net_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_customer_grade_changes_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "lead_grade_rules",
                columns: table => new
                {
                    grade = table.Column<string>(type: "character varying(1)", maxLength: 1, nullable: false),
                    cadence_days = table.Column<int>(type: "integer", nullable: false),
                    until_closed = table.Column<bool>(type: "boolean", nullable: false),
                    next_steps = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_lead_grade_rules", x => x.grade);
                });

            migrationBuilder.CreateTable(
                name: "pipelines",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    is_default = table.Column<bool>(type: "boolean", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pipelines", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "products",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    price_cents = table.Column<long>(type: "bigint", nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    category = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    active = table.Column<bool>(type: "boolean", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_products", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "pipeline_stages",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    pipeline_id = table.Column<long>(type: "bigint", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    probability = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pipeline_stages", x => x.id);
                    table.ForeignKey(
                        name: "fk_pipeline_stages_pipelines_pipeline_id",
                        column: x => x.pipeline_id,
                        principalTable: "pipelines",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "opportunities",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    customer_id = table.Column<long>(type: "bigint", nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    source = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    channel = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    heat = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    amount_cents = table.Column<long>(type: "bigint", nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    pipeline_id = table.Column<long>(type: "bigint", nullable: false),
                    stage_id = table.Column<long>(type: "bigint", nullable: false),
                    probability = table.Column<int>(type: "integer", nullable: false),
                    expected_close_on = table.Column<DateOnly>(type: "date", nullable: true),
                    owner_id = table.Column<long>(type: "bigint", nullable: true),
                    next_step = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    status = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    close_reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    closed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    stage_entered_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    external_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_opportunities", x => x.id);
                    table.ForeignKey(
                        name: "fk_opportunities_asp_net_users_owner_id",
                        column: x => x.owner_id,
                        principalTable: "asp_net_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_opportunities_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_opportunities_pipeline_stages_stage_id",
                        column: x => x.stage_id,
                        principalTable: "pipeline_stages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_opportunities_pipelines_pipeline_id",
                        column: x => x.pipeline_id,
                        principalTable: "pipelines",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "opportunity_competitors",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    opportunity_id = table.Column<long>(type: "bigint", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    price_cents = table.Column<long>(type: "bigint", nullable: true),
                    strengths = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_opportunity_competitors", x => x.id);
                    table.ForeignKey(
                        name: "fk_opportunity_competitors_opportunities_opportunity_id",
                        column: x => x.opportunity_id,
                        principalTable: "opportunities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "opportunity_products",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    opportunity_id = table.Column<long>(type: "bigint", nullable: false),
                    product_id = table.Column<long>(type: "bigint", nullable: false),
                    quantity = table.Column<decimal>(type: "numeric(18,3)", precision: 18, scale: 3, nullable: false),
                    unit_price_cents = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_opportunity_products", x => x.id);
                    table.ForeignKey(
                        name: "fk_opportunity_products_opportunities_opportunity_id",
                        column: x => x.opportunity_id,
                        principalTable: "opportunities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_opportunity_products_products_product_id",
                        column: x => x.product_id,
                        principalTable: "products",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "opportunity_stage_changes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    opportunity_id = table.Column<long>(type: "bigint", nullable: false),
                    from_stage_id = table.Column<long>(type: "bigint", nullable: true),
                    to_stage_id = table.Column<long>(type: "bigint", nullable: false),
                    from_status = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    to_status = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    by_id = table.Column<long>(type: "bigint", nullable: true),
                    seconds_in_stage = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_opportunity_stage_changes", x => x.id);
                    table.ForeignKey(
                        name: "fk_opportunity_stage_changes_asp_net_users_by_id",
                        column: x => x.by_id,
                        principalTable: "asp_net_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_opportunity_stage_changes_opportunities_opportunity_id",
                        column: x => x.opportunity_id,
                        principalTable: "opportunities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_opportunity_stage_changes_pipeline_stages_from_stage_id",
                        column: x => x.from_stage_id,
                        principalTable: "pipeline_stages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_opportunity_stage_changes_pipeline_stages_to_stage_id",
                        column: x => x.to_stage_id,
                        principalTable: "pipeline_stages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "lead_grade_rules",
                columns: new[] { "grade", "cadence_days", "next_steps", "until_closed", "version" },
                values: new object[,]
                {
                    { "A", 3, "约见面谈 / Arrange a meeting\n了解痛点 / Learn the pain points\n了解对比的竞争对手 / Find out which competitor they compare with\n推进到 S 级 / Move them to S", false, 1L },
                    { "B", 7, "建立关系 / Build the relationship\n邀请参加体验活动 / Invite to trial events", false, 1L },
                    { "C", 30, "培育：定期分享有用信息 / Nurture: share useful information regularly", false, 1L },
                    { "D", 90, "培育：保持低频联系 / Nurture: keep in touch now and then", false, 1L },
                    { "S", 1, "每天跟进，直到成交或丢单 / Follow up every day until won or lost", true, 1L }
                });

            migrationBuilder.InsertData(
                table: "pipelines",
                columns: new[] { "id", "is_default", "name", "version" },
                values: new object[] { 1L, true, "默认 / Default", 1L });

            migrationBuilder.InsertData(
                table: "pipeline_stages",
                columns: new[] { "id", "name", "pipeline_id", "position", "probability" },
                values: new object[,]
                {
                    { 1L, "初步接触 / Qualification", 1L, 1, 10 },
                    { 2L, "需求分析 / Needs analysis", 1L, 2, 25 },
                    { 3L, "方案报价 / Proposal", 1L, 3, 50 },
                    { 4L, "商务谈判 / Negotiation", 1L, 4, 75 },
                    { 5L, "签约审批 / Commitment", 1L, 5, 90 }
                });

            migrationBuilder.CreateIndex(
                name: "ix_customers_grade_id",
                table: "customers",
                columns: new[] { "grade", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_customer_grade_changes_by_id",
                table: "customer_grade_changes",
                column: "by_id");

            migrationBuilder.CreateIndex(
                name: "ix_customer_grade_changes_customer_id_id",
                table: "customer_grade_changes",
                columns: new[] { "customer_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_opportunities_customer_id_status",
                table: "opportunities",
                columns: new[] { "customer_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_opportunities_expected_close_on_id",
                table: "opportunities",
                columns: new[] { "expected_close_on", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_opportunities_external_id",
                table: "opportunities",
                column: "external_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_opportunities_owner_id_status_id",
                table: "opportunities",
                columns: new[] { "owner_id", "status", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_opportunities_pipeline_id_status_stage_id",
                table: "opportunities",
                columns: new[] { "pipeline_id", "status", "stage_id" });

            migrationBuilder.CreateIndex(
                name: "ix_opportunities_stage_id",
                table: "opportunities",
                column: "stage_id");

            migrationBuilder.CreateIndex(
                name: "ix_opportunities_status_id",
                table: "opportunities",
                columns: new[] { "status", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_opportunity_competitors_opportunity_id",
                table: "opportunity_competitors",
                column: "opportunity_id");

            migrationBuilder.CreateIndex(
                name: "ix_opportunity_products_opportunity_id",
                table: "opportunity_products",
                column: "opportunity_id");

            migrationBuilder.CreateIndex(
                name: "ix_opportunity_products_product_id",
                table: "opportunity_products",
                column: "product_id");

            migrationBuilder.CreateIndex(
                name: "ix_opportunity_stage_changes_at",
                table: "opportunity_stage_changes",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_opportunity_stage_changes_by_id",
                table: "opportunity_stage_changes",
                column: "by_id");

            migrationBuilder.CreateIndex(
                name: "ix_opportunity_stage_changes_from_stage_id",
                table: "opportunity_stage_changes",
                column: "from_stage_id");

            migrationBuilder.CreateIndex(
                name: "ix_opportunity_stage_changes_opportunity_id_id",
                table: "opportunity_stage_changes",
                columns: new[] { "opportunity_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_opportunity_stage_changes_to_stage_id",
                table: "opportunity_stage_changes",
                column: "to_stage_id");

            migrationBuilder.CreateIndex(
                name: "ix_pipeline_stages_pipeline_id_position",
                table: "pipeline_stages",
                columns: new[] { "pipeline_id", "position" });

            migrationBuilder.CreateIndex(
                name: "ix_pipelines_name",
                table: "pipelines",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_products_code",
                table: "products",
                column: "code",
                unique: true);

            // The seeded default pipeline and its stages carry their ids: move the identity sequences past them, or the
            // first pipeline or stage a user adds would be given id 1 again.
            migrationBuilder.Sql("SELECT setval(pg_get_serial_sequence('pipelines', 'id'), (SELECT max(id) FROM pipelines));");
            migrationBuilder.Sql("SELECT setval(pg_get_serial_sequence('pipeline_stages', 'id'), (SELECT max(id) FROM pipeline_stages));");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "customer_grade_changes");

            migrationBuilder.DropTable(
                name: "lead_grade_rules");

            migrationBuilder.DropTable(
                name: "opportunity_competitors");

            migrationBuilder.DropTable(
                name: "opportunity_products");

            migrationBuilder.DropTable(
                name: "opportunity_stage_changes");

            migrationBuilder.DropTable(
                name: "products");

            migrationBuilder.DropTable(
                name: "opportunities");

            migrationBuilder.DropTable(
                name: "pipeline_stages");

            migrationBuilder.DropTable(
                name: "pipelines");

            migrationBuilder.DropIndex(
                name: "ix_customers_grade_id",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "grade",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "grade_reason",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "grade_set_at",
                table: "customers");
        }
    }
}
