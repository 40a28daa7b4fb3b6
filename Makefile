# The verbs a person types. `make help` lists them.
SHELL := /bin/bash
MVN ?= mvn -B -ntp
KUBECONFIG_LOCAL := $(CURDIR)/.cluster/kubeconfig

.PHONY: help
help: ## list the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-16s %s\n", $$1, $$2}'

.PHONY: cluster-build cluster-up cluster-down cluster-status
cluster-build: ## build the local control plane binaries into ~/.cache/chatnet (first run only)
	cluster/scripts/build.sh
cluster-up: ## start the local simulated cluster (etcd, API server, controllers, kwok); idempotent
	cluster/scripts/up.sh
cluster-down: ## stop the local cluster's processes and remove its state
	cluster/scripts/down.sh
cluster-status: ## show the local cluster's nodes
	cluster/scripts/kubectl.sh get nodes -o wide

.PHONY: helm-build helm-lint
helm-build: ## build helm (pinned in cluster/versions.env) into ~/.cache/chatnet (first run only)
	cluster/scripts/build-helm.sh
helm-lint: helm-build ## lint the chart in helm/chatnet (strict) and render it with its defaults
	cluster/scripts/helm.sh lint --strict helm/chatnet
	cluster/scripts/helm.sh template chatnet helm/chatnet >/dev/null

.PHONY: build test test-deps unit fmt
build: ## compile and package every module without tests
	$(MVN) -DskipTests install
test: test-deps cluster-up ## run all tests (unit and against the local cluster); installs or names what they need first
	$(MVN) verify
test-deps: ## check what make test needs; install it (root or sudo: apt-get; Go: builds) or name what is missing
	scripts/test-deps.sh
# Tests tagged cluster (@LocalClusterTest), prometheus (@PrometheusTest), browser (Chromium), helm and
# run (the load generator run in real time against its stand-in) need more than a JVM and a few
# seconds; the rest are pure and run here alone.
UNIT_EXCLUDED := cluster,prometheus,browser,helm,run
unit: ## the pure unit tests alone: no cluster, Prometheus, Chromium, helm or real-time runs (under a minute once compiled)
	$(MVN) test -Dspotless.check.skip=true -DexcludedGroups=$(UNIT_EXCLUDED)
fmt: ## format the Java sources (the build checks the same formatter)
	$(MVN) spotless:apply

.PHONY: images
images: ## build and test the operator and load generator image tarballs (Jib; no registry or container engine)
	@# Unit tests and the other failsafe tests are make test's job; here only the image tests (*ImageIT) run.
	$(MVN) -Pimages -pl images/operator -am verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test='*ImageIT' -Dfailsafe.failIfNoSpecifiedTests=false
	@ls -l images/operator/target/jib-image.tar loadgen/target/jib-image.tar

.PHONY: run demo demo-clean
run: ## run the operator against the current kubeconfig (CRDs from crds/ must be installed)
	$(MVN) -q -DskipTests -Dspotless.check.skip=true -pl operator -am package
	java -jar operator/target/quarkus-app/quarkus-run.jar
demo: ## the main job: operator + smoke and 1000-node scenarios to Ready (local cluster if none configured)
	scripts/demo.sh
demo-clean: ## delete the demo namespace and its networks
	cluster/scripts/kubectl.sh delete namespace $${CHATNET_DEMO_NAMESPACE:-chatnet-demo} --ignore-not-found

.PHONY: bench-cluster
bench-cluster: ## benchmark the local cluster; writes bench/cluster.md
	bench/cluster/run.sh

.PHONY: crds
crds: ## regenerate crds/ from the API classes and docs/reference/crds.md from crds/ (the build fails when stale)
	@# Alphabetical: CrdFilesTest writes crds/ before CrdReferenceTest reads it.
	$(MVN) -pl operator -am test -Dtest='CrdFilesTest,CrdReferenceTest' -Dsurefire.runOrder=alphabetical -Dsurefire.failIfNoSpecifiedTests=false -Dchatnet.crds.update=true

.PHONY: bench-network
bench-network: ## benchmark ChatNetwork provisioning (100, 1000, 10000 pods); writes bench/network.md
	$(MVN) -q -DskipTests -Dspotless.check.skip=true -pl operator -am package
	bench/network/run.sh

.PHONY: bench-reliability
bench-reliability: ## fault campaign: operator, API server, etcd, leader, load generator shard killed at random instants; writes bench/reliability.md [TRIALS=3 NODES=200 SEED= CASES=; the issue's full size: TRIALS=20 NODES=2000]
	bench/reliability/run.sh

.PHONY: bench-soak
bench-soak: ## soak: networks and an experiment loop for 30 min; operator memory, writes, memos; writes bench/reliability.md [SOAK_NETWORKS= SOAK_NODES= SOAK_MINUTES= SOAK_LOOP=]
	bench/reliability/soak.sh

.PHONY: bench-loadgen
bench-loadgen: ## benchmark the load generator against the status-backend stand-in; writes bench/loadgen.md
	bench/loadgen/run.sh

.PHONY: report compare
report: ## export experiment reports to reports/NAME/: make report NAME="a [b ...]" [NAMESPACE=ns] (several: also a comparison)
	@test -n "$(NAME)" || { echo 'usage: make report NAME="experiment [more...]" [NAMESPACE=ns]'; exit 2; }
	scripts/report.sh export $(if $(NAMESPACE),--namespace $(NAMESPACE)) --out reports $(NAME)
compare: ## compare exported reports: make compare [REPORTS="reports/a/report.json ..."] (default: all under reports/)
	scripts/report.sh compare --out reports/comparison $(or $(REPORTS),$(wildcard reports/*/report.json))

.PHONY: plugin
PLUGIN_DIR ?= $(HOME)/.local/bin
plugin: ## install the kubectl plugin (kubectl chatnet ...): links scripts/kubectl-chatnet into PLUGIN_DIR (default ~/.local/bin)
	mkdir -p $(PLUGIN_DIR)
	ln -sf $(CURDIR)/scripts/kubectl-chatnet $(PLUGIN_DIR)/kubectl-chatnet
	@case ":$$PATH:" in *":$(PLUGIN_DIR):"*) echo "installed: kubectl chatnet help";; \
	  *) echo "installed in $(PLUGIN_DIR), which is not on PATH: export PATH=\"$(PLUGIN_DIR):\$$PATH\"";; esac

.PHONY: plan
plan: ## capacity plan: make plan ARGS="--users 10000 --rate 0.1" (kubectl chatnet plan --help lists them)
	scripts/kubectl-chatnet plan $(ARGS)

.PHONY: e2e
e2e: ## end-to-end check on a real cluster (KUBECONFIG): small network, short experiment, assertions [KEEP=1]
	scripts/e2e.sh
