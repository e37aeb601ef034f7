import { BadRequestException } from '@nestjs/common';
import { IsInt, IsString, ValidateNested, validate } from 'class-validator';
import { Type, plainToInstance } from 'class-transformer';
import { decodeCursor, encodeCursor } from './cursor';
import { flattenValidationErrors } from './validation';
import { ProblemException, guardsUnmetProblem } from './problem';
import { toProblem } from './problem-details.filter';

class Child {
  @IsInt() n!: number;
}
class Parent {
  @IsString() name!: string;
  @ValidateNested() @Type(() => Child) child!: Child;
}

describe('http helpers', () => {
  it('names each failing field, nested ones with a dotted path', async () => {
    const errors = await validate(plainToInstance(Parent, { name: 1, child: { n: 'x' } }));
    const flat = flattenValidationErrors(errors);
    expect(flat.map((e) => e.path).sort()).toEqual(['child.n', 'name']);
  });

  it('round-trips cursors and refuses forged ones as a 400 on `cursor`', () => {
    expect(decodeCursor(encodeCursor(['Alpha', 'id-1']), 2)).toEqual(['Alpha', 'id-1']);
    let problem: unknown;
    try {
      decodeCursor('not-a-cursor', 2);
    } catch (error) {
      problem = error;
    }
    expect(problem).toBeInstanceOf(ProblemException);
    expect((problem as ProblemException).problem.errors).toEqual([
      { path: 'cursor', message: 'invalid cursor' },
    ]);
  });

  it('renders Nest, Fastify and unknown errors as problem details without internals', () => {
    expect(toProblem(new BadRequestException('bad')).status).toBe(400);
    const tooLarge = Object.assign(new Error('Request body is too large'), { statusCode: 413 });
    expect(toProblem(tooLarge)).toMatchObject({ status: 413, title: 'Payload too large' });
    const crash = toProblem(new Error('secret stack detail'));
    expect(crash.status).toBe(500);
    expect(JSON.stringify(crash)).not.toContain('secret');
    expect(toProblem(guardsUnmetProblem([{ path: 'status', message: 'on hold' }])).status).toBe(
      422,
    );
  });
});
