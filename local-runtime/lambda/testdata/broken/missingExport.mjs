export const somethingElse = async () => 'not the handler';
export const notAFunction = 42;
