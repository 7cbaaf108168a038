package build

// UnionCSP is unionCSP, for hostconfig_test.go (package build_test).
var UnionCSP = unionCSP
