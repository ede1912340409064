# sam build's recipe for this module's function (infrastructure/template.yaml: CodeUri is this folder, Metadata
# BuildMethod: makefile). SAM copies the folder, target/ included, to a scratch folder and runs
# `make build-<LogicalId>` there with ARTIFACTS_DIR set to .aws-sam/build/<LogicalId>. The shaded jar that
# `mvn package` built (target/*-lambda.jar) becomes lib/ of the deployment package, which Lambda's Java runtime puts
# on the classpath. Every function module has this same file, a copy of scripts/lib/function.mk
# (scripts/lib/check_sam_functions.py fails when one differs).
jar := $(wildcard target/*-lambda.jar)

build-%:
	@test -n "$(ARTIFACTS_DIR)" || { echo "ARTIFACTS_DIR is not set: run sam build, not make" >&2; exit 1; }
	@test "$(words $(jar))" = 1 || { echo "expected one target/*-lambda.jar, found '$(jar)':" \
	  "run mvn package first" >&2; exit 1; }
	mkdir -p "$(ARTIFACTS_DIR)/lib"
	cp $(jar) "$(ARTIFACTS_DIR)/lib/"
