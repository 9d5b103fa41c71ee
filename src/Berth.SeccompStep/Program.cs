using Berth.Runtime.Seccomp;

return SeccompStep.Run(args);
