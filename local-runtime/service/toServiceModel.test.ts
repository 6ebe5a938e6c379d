import { describe, expect, it } from 'vitest';
import { ServiceError } from './ServiceError';
import { toServiceModel } from './toServiceModel';

const options = { servicePath: '/svc', stage: 'dev', where: '/svc/serverless.yml' };

describe('toServiceModel', () => {
  // https://www.serverless.com/framework/docs/providers/aws/guide/functions (defaults: 1024 MB, 6 s)
  it('applies provider settings, then the osls defaults of 6 s and 1024 MB', () => {
    const model = toServiceModel(
      { service: 'svc', provider: { name: 'aws', timeout: 12 }, functions: { a: { handler: 'a.handler' }, b: { handler: 'b.handler', memorySize: 128 } } },
      options,
    );
    expect(model.functions.a).toMatchObject({ name: 'svc-dev-a', timeout: 12, memorySize: 1024, events: [] });
    expect(model.functions.b).toMatchObject({ timeout: 12, memorySize: 128 });
    expect(toServiceModel({ service: 'svc', functions: { c: { handler: 'c.h' } } }, options).functions.c).toMatchObject({ timeout: 6, memorySize: 1024 });
  });

  it("merges provider.environment with the function's, the function winning", () => {
    const model = toServiceModel(
      { service: 'svc', provider: { environment: { A: '1', B: '2' } }, functions: { f: { handler: 'f.h', environment: { B: 'fn', C: { Ref: 'T' } } } } },
      options,
    );
    expect(model.functions.f?.environment).toEqual({ A: '1', B: 'fn', C: { Ref: 'T' } });
  });

  it('keeps a `name:` override and the service name of the object form', () => {
    const model = toServiceModel({ service: { name: 'svc' }, functions: { f: { handler: 'f.h', name: 'custom' } } }, options);
    expect(model.service).toBe('svc');
    expect(model.functions.f?.name).toBe('custom');
  });

  it('merges the array form of resources', () => {
    const model = toServiceModel(
      { service: 'svc', resources: [{ Resources: { T: { Type: 'AWS::DynamoDB::Table' } } }, { Resources: { Q: { Type: 'AWS::SQS::Queue' } }, Outputs: {} }] },
      options,
    );
    expect(Object.keys(model.resources)).toEqual(['T', 'Q']);
  });

  it('takes stage and region from the printed provider, us-east-1 by default', () => {
    const noStage = { servicePath: '/svc', where: '/svc/serverless.yml' };
    expect(toServiceModel({ service: 's', provider: { stage: 'qa', region: 'eu-west-1' } }, noStage)).toMatchObject({ stage: 'qa', region: 'eu-west-1' });
    expect(toServiceModel({ service: 's' }, options).region).toBe('us-east-1');
  });

  // The framework's stage: --stage, else provider.stage, else dev
  // (https://www.serverless.com/framework/docs/providers/aws/guide/deploying, "--stage").
  it('prefers the --stage option over provider.stage, and is dev when neither names one', () => {
    const noStage = { servicePath: '/svc', where: '/svc/serverless.yml' };
    expect(toServiceModel({ service: 's', provider: { stage: 'prod' } }, { ...noStage, stage: 'test' }).stage).toBe('test');
    expect(toServiceModel({ service: 's', functions: { f: { handler: 'h.h' } } }, { ...noStage, stage: 'test' }).functions.f?.name).toBe('s-test-f');
    expect(toServiceModel({ service: 's' }, noStage).stage).toBe('dev');
  });

  it('rejects a function without handler, naming the file and the function', () => {
    expect(() => toServiceModel({ service: 's', functions: { img: { image: 'x' } } }, options)).toThrow(ServiceError);
    expect(() => toServiceModel({ service: 's', functions: { img: { image: 'x' } } }, options)).toThrow(/serverless\.yml: functions\.img has no handler/);
  });
});
