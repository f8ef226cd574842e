import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../context.js';
import { notFound } from '../errors.js';
import { StaffMember, StaffToken } from '../types/staff.type.js';

@Resolver(() => StaffMember)
export class StaffResolver {
  @Authorized('STAFF')
  @Mutation(() => StaffToken, { description: 'Staff: a token for another support-staff member (shown only here).' })
  async createStaffToken(
    @Ctx() ctx: RequestContext,
    @Arg('name', () => String) name: string,
    @Arg('email', () => String, { nullable: true }) email: string | null,
  ): Promise<StaffToken> {
    return ctx.services.staff.createToken(ctx.viewer, name, email);
  }

  @Authorized('STAFF')
  @Mutation(() => StaffMember, { description: 'Staff: disables a staff member\'s token at once.' })
  async disableStaffToken(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<StaffMember> {
    const staff = await ctx.services.staff.disable(ctx.viewer, id);
    if (!staff) throw notFound('staff member', id);
    return staff;
  }

  @Authorized('STAFF')
  @Query(() => [StaffMember], { description: 'Staff: every staff member with a token (the bootstrap admin has no row).' })
  async staffMembers(@Ctx() ctx: RequestContext): Promise<StaffMember[]> {
    return ctx.services.staff.list();
  }
}
