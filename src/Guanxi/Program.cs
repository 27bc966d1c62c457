// Placeholder entry point while the foundation is being built; replaced by the web + CLI host.
return 0;
