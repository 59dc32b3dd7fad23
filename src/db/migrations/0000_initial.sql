CREATE TABLE "accounts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"balance" integer DEFAULT 0 NOT NULL,
	"balance_updated_at" timestamp (3) with time zone NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "accounts_balance_non_negative" CHECK ("accounts"."balance" >= 0)
);
--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" uuid PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"mode" text NOT NULL,
	"prefix" text NOT NULL,
	"hash" text NOT NULL,
	"scopes" text[] NOT NULL,
	"allowed_brand_id" uuid,
	"expires_at" timestamp (3) with time zone,
	"revoked_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "credit_transactions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"amount" integer NOT NULL,
	"reason" text NOT NULL,
	"job_id" uuid,
	"balance_after" integer NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "credit_transactions_balance_after_non_negative" CHECK ("credit_transactions"."balance_after" >= 0)
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"account_id" uuid NOT NULL,
	"key" text NOT NULL,
	"method" text NOT NULL,
	"path" text NOT NULL,
	"body_hash" text NOT NULL,
	"state" text NOT NULL,
	"response_status" integer,
	"response_body" text,
	"response_headers" text,
	"locked_until" timestamp (3) with time zone NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "idempotency_keys_account_id_key_pk" PRIMARY KEY("account_id","key")
);
--> statement-breakpoint
CREATE TABLE "alias_dismissals" (
	"brand_id" uuid NOT NULL,
	"business_name" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "alias_dismissals_brand_id_business_name_pk" PRIMARY KEY("brand_id","business_name")
);
--> statement-breakpoint
CREATE TABLE "brand_facts" (
	"brand_id" uuid PRIMARY KEY NOT NULL,
	"description" text,
	"tagline" text,
	"mission_statement" text,
	"value_proposition" text,
	"industry" text,
	"company_size" text,
	"founded_year" integer,
	"headquarters" text,
	"key_facts" jsonb NOT NULL,
	"key_people" jsonb NOT NULL,
	"products" jsonb NOT NULL,
	"services" jsonb NOT NULL,
	"competitors" jsonb NOT NULL,
	"research_status" text,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "brands" (
	"id" uuid PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"mode" text NOT NULL,
	"name" text NOT NULL,
	"website" text NOT NULL,
	"brand_aliases" text[] NOT NULL,
	"categories" text[] NOT NULL,
	"country" text,
	"language" text,
	"brand_info_summary" text,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "answer_tasks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"job_id" uuid NOT NULL,
	"report_id" uuid NOT NULL,
	"prompt_id" uuid NOT NULL,
	"platform" text NOT NULL,
	"sample" integer NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"run_at" timestamp (3) with time zone NOT NULL,
	"locked_by" text,
	"locked_until" timestamp (3) with time zone,
	"last_error" jsonb,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"mode" text NOT NULL,
	"type" text NOT NULL,
	"status" text NOT NULL,
	"step" text,
	"message" text,
	"completed" integer DEFAULT 0 NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"brand_id" uuid,
	"report_id" uuid,
	"scheduled_report_id" uuid,
	"payload" jsonb NOT NULL,
	"result" jsonb,
	"error" jsonb,
	"cost" integer DEFAULT 0 NOT NULL,
	"request_id" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer DEFAULT 5 NOT NULL,
	"run_at" timestamp (3) with time zone NOT NULL,
	"locked_by" text,
	"locked_until" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone NOT NULL,
	"started_at" timestamp (3) with time zone,
	"finished_at" timestamp (3) with time zone,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "citation_occurrences" (
	"citation_id" uuid NOT NULL,
	"result_id" uuid NOT NULL,
	"report_id" uuid NOT NULL,
	"platform" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "citations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"brand_id" uuid NOT NULL,
	"url" text NOT NULL,
	"domain" text NOT NULL,
	"title" text,
	"owned" boolean NOT NULL,
	"domain_category" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_prompts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"report_id" uuid NOT NULL,
	"prompt_text" text NOT NULL,
	"category" text,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"brand_id" uuid NOT NULL,
	"name" text NOT NULL,
	"status" text NOT NULL,
	"ai_platforms" text[] NOT NULL,
	"country" text,
	"language" text,
	"location" text,
	"samples" integer DEFAULT 1 NOT NULL,
	"region_config_id" uuid,
	"scheduled_report_id" uuid,
	"batch_id" uuid,
	"failure_reason" text,
	"visibility_score" real,
	"metrics" jsonb,
	"total_results" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"completed_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "results" (
	"id" uuid PRIMARY KEY NOT NULL,
	"report_id" uuid NOT NULL,
	"prompt_id" uuid NOT NULL,
	"platform" text NOT NULL,
	"sample" integer NOT NULL,
	"status" text NOT NULL,
	"model" text,
	"collected_via" text,
	"answer" text,
	"brand_mentioned" boolean,
	"brand_position" integer,
	"sentiment" text,
	"mentioned_brands" jsonb NOT NULL,
	"citations" jsonb NOT NULL,
	"error" jsonb,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "region_config_prompts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"region_config_id" uuid NOT NULL,
	"prompt_text" text NOT NULL,
	"category" text,
	"disabled" boolean DEFAULT false NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "region_configs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"brand_id" uuid NOT NULL,
	"scheduled_report_id" uuid NOT NULL,
	"name" text NOT NULL,
	"country" text NOT NULL,
	"language" text NOT NULL,
	"location" text,
	"ai_platforms" text[] NOT NULL,
	"samples" integer DEFAULT 1 NOT NULL,
	"is_active" boolean NOT NULL,
	"source_report_id" uuid,
	"last_run_at" timestamp (3) with time zone,
	"last_run_status" text,
	"last_error_message" text,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "scheduled_reports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"brand_id" uuid NOT NULL,
	"name" text NOT NULL,
	"frequency" text NOT NULL,
	"is_active" boolean NOT NULL,
	"next_run_at" timestamp (3) with time zone NOT NULL,
	"last_run_at" timestamp (3) with time zone,
	"last_run_status" text,
	"last_error_message" text,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhook_deliveries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"webhook_id" uuid NOT NULL,
	"event_id" text NOT NULL,
	"event_type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"run_at" timestamp (3) with time zone NOT NULL,
	"locked_until" timestamp (3) with time zone,
	"last_error" text,
	"created_at" timestamp (3) with time zone NOT NULL,
	"delivered_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "webhooks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"brand_id" uuid NOT NULL,
	"url" text NOT NULL,
	"events" text[] NOT NULL,
	"description" text,
	"secret" text NOT NULL,
	"is_active" boolean NOT NULL,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	"last_success_at" timestamp (3) with time zone,
	"last_failure_at" timestamp (3) with time zone,
	"disabled_reason" text,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_allowed_brand_id_brands_id_fk" FOREIGN KEY ("allowed_brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_transactions" ADD CONSTRAINT "credit_transactions_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_transactions" ADD CONSTRAINT "credit_transactions_job_id_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alias_dismissals" ADD CONSTRAINT "alias_dismissals_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brand_facts" ADD CONSTRAINT "brand_facts_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brands" ADD CONSTRAINT "brands_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "answer_tasks" ADD CONSTRAINT "answer_tasks_job_id_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "answer_tasks" ADD CONSTRAINT "answer_tasks_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "answer_tasks" ADD CONSTRAINT "answer_tasks_prompt_id_report_prompts_id_fk" FOREIGN KEY ("prompt_id") REFERENCES "public"."report_prompts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_scheduled_report_id_scheduled_reports_id_fk" FOREIGN KEY ("scheduled_report_id") REFERENCES "public"."scheduled_reports"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "citation_occurrences" ADD CONSTRAINT "citation_occurrences_citation_id_citations_id_fk" FOREIGN KEY ("citation_id") REFERENCES "public"."citations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "citation_occurrences" ADD CONSTRAINT "citation_occurrences_result_id_results_id_fk" FOREIGN KEY ("result_id") REFERENCES "public"."results"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "citation_occurrences" ADD CONSTRAINT "citation_occurrences_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "citations" ADD CONSTRAINT "citations_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_prompts" ADD CONSTRAINT "report_prompts_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_region_config_id_region_configs_id_fk" FOREIGN KEY ("region_config_id") REFERENCES "public"."region_configs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_scheduled_report_id_scheduled_reports_id_fk" FOREIGN KEY ("scheduled_report_id") REFERENCES "public"."scheduled_reports"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "results" ADD CONSTRAINT "results_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "results" ADD CONSTRAINT "results_prompt_id_report_prompts_id_fk" FOREIGN KEY ("prompt_id") REFERENCES "public"."report_prompts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "region_config_prompts" ADD CONSTRAINT "region_config_prompts_region_config_id_region_configs_id_fk" FOREIGN KEY ("region_config_id") REFERENCES "public"."region_configs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "region_configs" ADD CONSTRAINT "region_configs_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "region_configs" ADD CONSTRAINT "region_configs_scheduled_report_id_scheduled_reports_id_fk" FOREIGN KEY ("scheduled_report_id") REFERENCES "public"."scheduled_reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "region_configs" ADD CONSTRAINT "region_configs_source_report_id_reports_id_fk" FOREIGN KEY ("source_report_id") REFERENCES "public"."reports"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scheduled_reports" ADD CONSTRAINT "scheduled_reports_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_webhook_id_webhooks_id_fk" FOREIGN KEY ("webhook_id") REFERENCES "public"."webhooks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhooks" ADD CONSTRAINT "webhooks_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_hash_key" ON "api_keys" USING btree ("hash");--> statement-breakpoint
CREATE INDEX "api_keys_account_id_idx" ON "api_keys" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "api_keys_allowed_brand_id_idx" ON "api_keys" USING btree ("allowed_brand_id");--> statement-breakpoint
CREATE INDEX "credit_transactions_account_id_idx" ON "credit_transactions" USING btree ("account_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "credit_transactions_one_debit_per_job" ON "credit_transactions" USING btree ("job_id") WHERE "credit_transactions"."kind" = 'debit';--> statement-breakpoint
CREATE INDEX "idempotency_keys_created_at_idx" ON "idempotency_keys" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "brands_account_mode_idx" ON "brands" USING btree ("account_id","mode","id");--> statement-breakpoint
CREATE UNIQUE INDEX "answer_tasks_one_per_answer" ON "answer_tasks" USING btree ("report_id","prompt_id","platform","sample");--> statement-breakpoint
CREATE INDEX "answer_tasks_job_id_idx" ON "answer_tasks" USING btree ("job_id","status");--> statement-breakpoint
CREATE INDEX "answer_tasks_prompt_id_idx" ON "answer_tasks" USING btree ("prompt_id");--> statement-breakpoint
CREATE INDEX "answer_tasks_claimable_idx" ON "answer_tasks" USING btree ("platform","run_at") WHERE "answer_tasks"."status" in ('pending', 'processing');--> statement-breakpoint
CREATE INDEX "jobs_account_mode_idx" ON "jobs" USING btree ("account_id","mode","id");--> statement-breakpoint
CREATE INDEX "jobs_claimable_idx" ON "jobs" USING btree ("run_at") WHERE "jobs"."status" in ('pending', 'processing');--> statement-breakpoint
CREATE INDEX "jobs_brand_id_idx" ON "jobs" USING btree ("brand_id");--> statement-breakpoint
CREATE INDEX "jobs_report_id_idx" ON "jobs" USING btree ("report_id");--> statement-breakpoint
CREATE INDEX "jobs_scheduled_report_id_idx" ON "jobs" USING btree ("scheduled_report_id");--> statement-breakpoint
CREATE UNIQUE INDEX "citation_occurrences_key" ON "citation_occurrences" USING btree ("citation_id","result_id");--> statement-breakpoint
CREATE INDEX "citation_occurrences_result_id_idx" ON "citation_occurrences" USING btree ("result_id");--> statement-breakpoint
CREATE INDEX "citation_occurrences_report_id_idx" ON "citation_occurrences" USING btree ("report_id","citation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "citations_brand_url_key" ON "citations" USING btree ("brand_id","url");--> statement-breakpoint
CREATE INDEX "citations_brand_domain_idx" ON "citations" USING btree ("brand_id","domain");--> statement-breakpoint
CREATE INDEX "report_prompts_report_id_idx" ON "report_prompts" USING btree ("report_id","id");--> statement-breakpoint
CREATE INDEX "reports_brand_id_idx" ON "reports" USING btree ("brand_id","id");--> statement-breakpoint
CREATE INDEX "reports_region_config_id_idx" ON "reports" USING btree ("region_config_id");--> statement-breakpoint
CREATE INDEX "reports_scheduled_report_id_idx" ON "reports" USING btree ("scheduled_report_id");--> statement-breakpoint
CREATE INDEX "reports_batch_id_idx" ON "reports" USING btree ("batch_id");--> statement-breakpoint
CREATE UNIQUE INDEX "results_one_per_answer" ON "results" USING btree ("report_id","prompt_id","platform","sample");--> statement-breakpoint
CREATE INDEX "results_prompt_id_idx" ON "results" USING btree ("prompt_id");--> statement-breakpoint
CREATE INDEX "region_config_prompts_region_config_id_idx" ON "region_config_prompts" USING btree ("region_config_id","id");--> statement-breakpoint
CREATE INDEX "region_configs_brand_id_idx" ON "region_configs" USING btree ("brand_id","id");--> statement-breakpoint
CREATE INDEX "region_configs_scheduled_report_id_idx" ON "region_configs" USING btree ("scheduled_report_id");--> statement-breakpoint
CREATE INDEX "region_configs_source_report_id_idx" ON "region_configs" USING btree ("source_report_id");--> statement-breakpoint
CREATE INDEX "scheduled_reports_brand_id_idx" ON "scheduled_reports" USING btree ("brand_id","id");--> statement-breakpoint
CREATE INDEX "scheduled_reports_due_idx" ON "scheduled_reports" USING btree ("next_run_at") WHERE "scheduled_reports"."is_active";--> statement-breakpoint
CREATE INDEX "webhook_deliveries_webhook_id_idx" ON "webhook_deliveries" USING btree ("webhook_id");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_due_idx" ON "webhook_deliveries" USING btree ("run_at") WHERE "webhook_deliveries"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "webhooks_brand_id_idx" ON "webhooks" USING btree ("brand_id","id");