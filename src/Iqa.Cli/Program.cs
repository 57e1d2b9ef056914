return Iqa.Cli.IqaApp.Run(args, Console.Out, Console.Error);
