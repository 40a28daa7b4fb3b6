// Command etcd is etcd's own entry point, built inside the Kubernetes module graph so that
// the server matches the etcd client that kube-apiserver was compiled against.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() {
	etcdmain.Main(os.Args)
}
